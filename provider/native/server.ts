/**
 * The native face: the Pulumi resource provider `aws-root-access`, serving the same kinds as the dynamic resources
 * through the same per-kind calls (`kindCalls`: validation, lifecycle, errors, AWS), with what only a native
 * provider can do: property-level diffs, `pulumi import`, a plan in the preview's create, and diagnostics attached
 * to their resource through the engine's log.
 *
 * `@pulumi/pulumi/provider`'s `main` runs the gRPC server (handshake, schema, plugin info, `construct`); the
 * custom-resource methods and `configure` are this module's, because the framework drops `detailedDiff`, never
 * passes configuration on, and cannot plan a create in a preview.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import * as pulumiProvider from "@pulumi/pulumi/provider";
import type * as grpcTypes from "@grpc/grpc-js";
import { createAwsApi, resolveConnection, stackLayer } from "../aws";
import { declare, itemsOf } from "../core/programGuard";
import type { Declaration } from "../core/programGuard";
import { TARGET_KEYS } from "../core/target";
import type { ConnectionValues } from "../core/target";
import { UNKNOWN, containsUnknown, validateConfigSettings } from "../core/validate";
import { InvalidArgumentsError, forEngine } from "../errors";
import { KIND_PROVIDERS, isResourceKind } from "../providers";
import type { ResourceKind } from "../providers";
import { kindCalls, resourceLayer } from "../providers/provider";
import type { Face, PropertyChange } from "../providers/provider";
import { restoreAccountIds } from "./accountIds";
import { REPORTED, construct } from "./construct";
import { detailedDiff } from "./diff";
import {
  emptyproto,
  engproto,
  engrpc,
  fromStruct,
  grpc,
  provproto,
  toGrpcError,
  toStruct,
  unwrapSecrets,
  wrapSecrets,
} from "./protocol";
import type { Props } from "./protocol";
import { providerConfig, providerLayer, stackFileSettings, stackOfUrn } from "./settings";
import { PACKAGE, kindOfUrn, nameOfUrn, tokenOf } from "./tokens";

const ROOT = join(__dirname, "..", "..");

interface SchemaResource {
  inputProperties: Record<string, unknown>;
  properties: Record<string, unknown>;
}

const KIND_CHANGE: Record<PropertyChange, provproto.PropertyDiff.Kind> = {
  add: provproto.PropertyDiff.Kind.ADD,
  delete: provproto.PropertyDiff.Kind.DELETE,
  update: provproto.PropertyDiff.Kind.UPDATE,
};
const REPLACING: Record<PropertyChange, provproto.PropertyDiff.Kind> = {
  add: provproto.PropertyDiff.Kind.ADD_REPLACE,
  delete: provproto.PropertyDiff.Kind.DELETE_REPLACE,
  update: provproto.PropertyDiff.Kind.UPDATE_REPLACE,
};

/** The property a diff path is under: `enabledFeatures` for `enabledFeatures[1]`. */
function topOf(path: string): string {
  return path.replace(/[[.].*$/, "");
}

type Callback<T> = (error: grpcTypes.ServiceError | null, value?: T) => void;
type Handler<Q, R> = (call: { request: Q }, callback: Callback<R>) => void;

/** A gRPC method from an async function: a thrown error goes to the engine once, with its name. */
function unary<Q, R>(fn: (request: Q) => Promise<R>): Handler<Q, R> {
  return (call, callback) => {
    fn(call.request).then(
      (value) => callback(null, value),
      (e: unknown) => callback(toGrpcError(forEngine(e))),
    );
  };
}

export class NativeProvider {
  private config: ConnectionValues = {};
  private readonly stacks = new Map<string, ConnectionValues>();
  private readonly engine: engrpc.EngineClient | undefined;
  readonly schema: string;
  private readonly resources: Record<string, SchemaResource>;

  constructor(engineAddress: string | undefined, schemaText: string) {
    this.schema = schemaText;
    this.resources = (JSON.parse(schemaText) as { resources: Record<string, SchemaResource> }).resources;
    this.engine = engineAddress ? new engrpc.EngineClient(engineAddress, grpc.credentials.createInsecure()) : undefined;
  }

  /** The stack's `aws:region` and `aws:profile`, read once per stack. */
  private stackSettings(urn: string): ConnectionValues {
    const stack = stackOfUrn(urn);
    let settings = this.stacks.get(stack);
    if (!settings) {
      settings = stackFileSettings(process.cwd(), stack);
      const problems = validateConfigSettings("aws", settings);
      if (problems.length > 0)
        throw new InvalidArgumentsError(
          "the stack configuration",
          problems.map((p) => p.reason),
        );
      this.stacks.set(stack, settings);
    }
    return settings;
  }

  /** One call's kind, its calls with this provider's settings, and its messages sent to the engine under its URN. */
  private open(urn: string) {
    const kind = kindOfUrn(urn);
    if (!isResourceKind(kind)) throw new Error(`${PACKAGE} has no resource type ${urn.split("::")[2] ?? urn}`);
    const stack = this.stackSettings(urn);
    const sent: Promise<void>[] = [];
    const face: Face = {
      connect: (props, origin) =>
        createAwsApi(resolveConnection([resourceLayer(props, origin), providerLayer(this.config), stackLayer(stack)])),
      report: (message) => sent.push(this.log(urn, message)),
    };
    const schema = this.resources[tokenOf(kind)]!;
    return {
      kind,
      calls: kindCalls(KIND_PROVIDERS[kind], face),
      inputs: Object.keys(schema.inputProperties),
      outputs: Object.keys(schema.properties),
      /** Every message of the call has reached the engine: it shows them before the step's result. */
      flushed: () => Promise.all(sent),
    };
  }

  private log(urn: string, message: string): Promise<void> {
    const engine = this.engine;
    if (!engine) return Promise.resolve();
    const req = new engproto.LogRequest();
    req.setSeverity(engproto.LogSeverity.INFO);
    req.setMessage(message);
    req.setUrn(urn);
    return new Promise((resolve) => engine.log(req, () => resolve()));
  }

  /** A component, for another language: its children are this provider's resources, with its configuration. */
  construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions) {
    const outputs = (kind: string): string[] => Object.keys(this.resources[tokenOf(kind)]?.properties ?? {});
    return construct(name, type, restoreAccountIds(inputs), options, outputs, [providerLayer(this.config)]);
  }

  /** The custom-resource methods and `configure`, as gRPC handlers. */
  handlers(): Record<string, Handler<never, unknown>> {
    return {
      configure: unary(async (req: provproto.ConfigureRequest) => {
        const args = unwrapSecrets(fromStruct(req.getArgs())).plain;
        const variables = new Map(req.getVariablesMap().getEntryList() as Array<[string, string]>);
        const values = providerConfig(args, variables);
        const problems = validateConfigSettings(PACKAGE, values);
        if (problems.length > 0)
          throw new InvalidArgumentsError(
            "the provider configuration",
            problems.map((p) => p.reason),
          );
        this.config = values;
        const resp = new provproto.ConfigureResponse();
        resp.setAcceptsecrets(true);
        resp.setAcceptresources(true);
        resp.setSupportspreview(true);
        return resp;
      }),

      check: unary(async (req: provproto.CheckRequest) => {
        const call = this.open(req.getUrn());
        const news = restoreAccountIds(fromStruct(req.getNews()));
        const plain = unwrapSecrets(news).plain;
        const failures = call.calls.check(plain);
        // Two resources of one program managing the same thing, as the dynamic face refuses them at program time.
        if (failures.length === 0 && !containsUnknown(plain)) {
          const conflict = declareResource(call.kind, nameOfUrn(req.getUrn()), plain);
          if (conflict) throw conflict;
        }
        await call.flushed();
        const resp = new provproto.CheckResponse();
        // The inputs go back as they came (account IDs restored), secrets still marked.
        resp.setInputs(toStruct(news));
        resp.setFailuresList(
          failures.map((f) => {
            const failure = new provproto.CheckFailure();
            failure.setProperty(f.property);
            failure.setReason(f.reason);
            return failure;
          }),
        );
        return resp;
      }),

      diff: unary(async (req: provproto.DiffRequest) => {
        const call = this.open(req.getUrn());
        const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
        const oldInputs = req.getOldInputs() ? unwrapSecrets(fromStruct(req.getOldInputs())).plain : olds;
        const news = unwrapSecrets(fromStruct(req.getNews())).plain;
        const result = await call.calls.diff(req.getId(), olds, news).finally(call.flushed);
        const resp = new provproto.DiffResponse();
        if (!result.changes) {
          resp.setChanges(provproto.DiffResponse.DiffChanges.DIFF_NONE);
          return resp;
        }
        resp.setChanges(provproto.DiffResponse.DiffChanges.DIFF_SOME);
        const { changes, replaces } = detailedDiff(result, oldInputs, news, call.inputs);
        resp.setReplacesList([...replaces]);
        if (result.deleteBeforeReplace) resp.setDeletebeforereplace(true);
        resp.setDiffsList([...new Set(Object.keys(changes).map(topOf))]);
        const map = resp.getDetaileddiffMap();
        for (const [path, change] of Object.entries(changes)) {
          const diff = new provproto.PropertyDiff();
          diff.setKind((replaces.has(topOf(path)) ? REPLACING : KIND_CHANGE)[change]);
          diff.setInputdiff(call.inputs.includes(topOf(path)) && !(result.drift && path in result.drift));
          map.set(path, diff);
        }
        resp.setHasdetaileddiff(Object.keys(changes).length > 0);
        return resp;
      }),

      create: unary(async (req: provproto.CreateRequest) => {
        const call = this.open(req.getUrn());
        const { plain, secret } = unwrapSecrets(fromStruct(req.getProperties()));
        const resp = new provproto.CreateResponse();
        if (req.getPreview()) {
          // The preview of a create is its plan: the reads it depends on, its errors, what it will change.
          await call.calls.plan(plain).finally(call.flushed);
          const unknownOutputs = Object.fromEntries(call.outputs.filter((p) => !(p in plain)).map((p) => [p, UNKNOWN]));
          resp.setId("");
          resp.setProperties(toStruct(wrapSecrets({ ...unknownOutputs, ...plain }, secret)));
          return resp;
        }
        const created = await call.calls.create(plain).finally(call.flushed);
        resp.setId(created.id);
        resp.setProperties(toStruct(wrapSecrets(created.outs as Props, secret)));
        return resp;
      }),

      read: unary(async (req: provproto.ReadRequest) => {
        const call = this.open(req.getUrn());
        const props = unwrapSecrets(fromStruct(req.getProperties()));
        const inputs = unwrapSecrets(fromStruct(req.getInputs()));
        const importing = Object.keys(props.plain).length === 0 && Object.keys(inputs.plain).length === 0;
        const resp = new provproto.ReadResponse();
        // A refresh keeps the program's inputs. An import (`pulumi import`) declares the resource as it is, and reads
        // it again as declared, so the state records what a program declaring it would: its next preview is clean.
        const { read, declared } = await (async () => {
          const first = await call.calls.read(req.getId(), props.plain);
          if (!importing || !first.id) return { read: first, declared: inputs.plain };
          const asIs = declaredAsIs(call.kind, first.props as Props, call.inputs);
          return { read: await call.calls.read(first.id, asIs), declared: asIs };
        })().finally(call.flushed);
        resp.setId(read.id ?? "");
        if (!read.id) return resp;
        const secret = new Set([...props.secret, ...inputs.secret]);
        resp.setProperties(toStruct(wrapSecrets((read.props ?? {}) as Props, secret)));
        resp.setInputs(toStruct(wrapSecrets(declared, secret)));
        return resp;
      }),

      update: unary(async (req: provproto.UpdateRequest) => {
        const call = this.open(req.getUrn());
        const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
        const { plain, secret } = unwrapSecrets(fromStruct(req.getNews()));
        const resp = new provproto.UpdateResponse();
        if (req.getPreview()) {
          // A preview changes nothing: the diff already said what the up will do.
          resp.setProperties(toStruct(wrapSecrets({ ...olds, ...plain }, secret)));
          return resp;
        }
        const updated = await call.calls.update(req.getId(), olds, plain).finally(call.flushed);
        resp.setProperties(toStruct(wrapSecrets((updated.outs ?? {}) as Props, secret)));
        return resp;
      }),

      delete: unary(async (req: provproto.DeleteRequest) => {
        const call = this.open(req.getUrn());
        await call.calls.delete(req.getId(), unwrapSecrets(fromStruct(req.getProperties())).plain).finally(call.flushed);
        return new emptyproto.Empty();
      }),
    };
  }
}

/** The resource's declaration for the program guard: what it manages, for which target (its own inputs). */
function declareResource(kind: ResourceKind, name: string, inputs: Props) {
  const target: Declaration["target"] = {};
  for (const key of TARGET_KEYS) {
    const v = inputs[key];
    if (typeof v === "string") target[key] = v;
  }
  return declare({ kind, name, items: itemsOf(kind, inputs.accountId, name), target });
}

/**
 * The inputs that declare an imported resource exactly as it is, so that a preview of the program declaring them
 * shows no change: the outputs' input properties, refined by the kind where it knows better.
 */
export function declaredAsIs(kind: ResourceKind, outs: Props, inputs: readonly string[]): Props {
  const declared: Props = {};
  for (const p of inputs) if (outs[p] !== undefined && outs[p] !== false) declared[p] = outs[p];
  const asDeclared = KIND_PROVIDERS[kind].lifecycle.asDeclared;
  return asDeclared ? { ...declared, ...asDeclared(outs) } : declared;
}

/** Starts the plugin: prints its port for the engine, and serves until the engine stops it. */
export async function serve(args: string[]): Promise<void> {
  const schemaText = readFileSync(join(ROOT, "schema.json"), "utf8");
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const engineAddress = args.find((a) => !a.startsWith("-"));
  const native = new NativeProvider(engineAddress, schemaText);
  const ours = native.handlers();
  // The framework's server, with this provider's methods in place of its own (see the module comment).
  const server = grpc.Server.prototype as unknown as { addService(service: unknown, impl: object): void };
  const addService = server.addService;
  server.addService = function (this: unknown, service: unknown, implementation: object) {
    return addService.call(this, service, Object.assign(Object.create(implementation) as object, ours));
  };
  await pulumiProvider.main(
    {
      version,
      schema: schemaText,
      construct: (name, type, inputs, options) => native.construct(name, type, inputs, options),
    },
    args,
  );
  // The framework logs every unhandled rejection as an error; one a construct already reported is left out, so
  // the engine shows it once.
  const listeners = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", (reason, promise) => {
    if (typeof reason === "object" && reason !== null && REPORTED.has(reason)) return;
    for (const listener of listeners) listener(reason, promise);
  });
}
