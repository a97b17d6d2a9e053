/**
 * The wire of Pulumi's provider protocol, as `@pulumi/pulumi` ships it: gRPC, the protobuf messages, and the values
 * inside them (secrets, unknowns). Loaded through `@pulumi/pulumi` so the plugin shares its gRPC with the framework.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
const structproto = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
export const emptyproto = fromPulumi(
  "google-protobuf/google/protobuf/empty_pb",
) as typeof import("google-protobuf/google/protobuf/empty_pb");
const anyproto = fromPulumi("google-protobuf/google/protobuf/any_pb") as typeof import("google-protobuf/google/protobuf/any_pb");
export const yaml = fromPulumi("js-yaml") as { load(text: string): unknown };
export { provproto, engproto, engrpc };

export type Props = Record<string, unknown>;

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function fromStruct(struct: structTypes.Struct | undefined): Props {
  return (struct?.toJavaScript() ?? {}) as Props;
}

export function toStruct(props: Props): structTypes.Struct {
  return structproto.Struct.fromJavaScript(props as Record<string, structTypes.JavaScriptValue>);
}

function isSecret(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Props)[SIG] === SECRET_SIG;
}

function reveal(v: unknown): { value: unknown; secret: boolean } {
  if (isSecret(v)) return { value: reveal(v.value).value, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(reveal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  return { value: v, secret: false };
}

/**
 * The plain values of properties the engine sent as secrets, and which top-level properties were secret: outputs
 * of those properties are marked secret again, so state never loses the mark.
 */
export function unwrapSecrets(props: Props): { plain: Props; secret: Set<string> } {
  const plain: Props = {};
  const secret = new Set<string>();
  for (const [key, raw] of Object.entries(props)) {
    const { value, secret: was } = reveal(raw);
    plain[key] = value;
    if (was) secret.add(key);
  }
  return { plain, secret };
}

export function wrapSecrets(props: Props, secret: ReadonlySet<string>): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) out[key] = secret.has(key) ? { [SIG]: SECRET_SIG, value } : value;
  return out;
}

/**
 * An error for the engine. A create or update that changed something before failing carries `id` and `properties`:
 * the engine then records the resource as it is (a partial create) instead of forgetting it.
 */
export function toGrpcError(e: unknown): grpcTypes.ServiceError {
  const err = e as { message?: unknown; id?: unknown; properties?: unknown; reasons?: unknown };
  const message = typeof err?.message === "string" ? err.message : String(e);
  const metadata = new grpc.Metadata();
  if (typeof err?.id === "string" && err.id !== "") {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(err.id);
    detail.setProperties(toStruct((err.properties as Props | undefined) ?? {}));
    detail.setReasonsList(Array.isArray(err.reasons) ? err.reasons.map(String) : [message]);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}
