/** The hostile inputs tried against the provider and the emulator, for docs/reliability.md: what was tried, what held. */
export interface HostileInput {
  tried: string;
  held: string;
  spec: string;
}

const PROVIDER = "tests/integ/hostileInput.integ.spec.ts";
const EMULATOR = "tests/emulator/hostileInput.integ.spec.ts";

export const HOSTILE_INPUTS: HostileInput[] = [
  {
    tried:
      "an endpoint that echoes the signed request into its error, with a profile's session token and a `credential_process` (SSO-like) source",
    held: "key ID, secret and session token absent from the message; `x-amz-security-token:[redacted]`",
    spec: PROVIDER,
  },
  {
    tried: "key IDs glued to other text (`userAKIA…`, `_ASIA…_`) and the ABIA, ACCA, AIPA prefixes",
    held: "all 5 redacted",
    spec: PROVIDER,
  },
  {
    tried: "AWS error codes `constructor`, `toString`, `__proto__`, `hasOwnProperty`, `valueOf`",
    held: "each an `AwsRequestError` with its message (own-property lookups only)",
    spec: PROVIDER,
  },
  {
    tried:
      "escape sequences and newlines in an AWS error message, an unknown property name, and the `id` option (read, diff, delete)",
    held: "shown as `\\u001b`, `\\u000a`; a malformed ID is `InvalidArgumentsError` before any AWS call",
    spec: PROVIDER,
  },
  {
    tried: "an endpoint that repeats its `NextToken`",
    held: "`PaginationError` on the repeat; at most 1,000 pages",
    spec: "tests/integ/prerequisites.integ.spec.ts",
  },
  {
    tried: "Organizations targets `constructor`, `toString`, `__proto__`, `hasOwnProperty`, `valueOf`",
    held: "`UnknownOperationException` in JSON, no state or minted secret in the answer",
    spec: EMULATOR,
  },
  { tried: '`ServicePrincipal: "constructor"`', held: "not trusted", spec: EMULATOR },
  {
    tried: "`PUT /__emulator/state` and AWS calls with `Host: attacker.example:PORT` (DNS rebinding)",
    held: "refused (403 on the control endpoint); `127.0.0.1:PORT` and `localhost:PORT` answered",
    spec: EMULATOR,
  },
  {
    tried: "control characters echoed into Query (XML) answers",
    held: "no character XML 1.0 cannot carry; shown as `\\u0001`",
    spec: EMULATOR,
  },
  {
    tried: "`PUT /faults` with a mistyped key (`rule`, `operation`)",
    held: "400 naming the key; the rules in force kept",
    spec: EMULATOR,
  },
  {
    tried: "a 65 KB operation name; more calls than the call log keeps",
    held: "names cut at 128 characters; the newest 10,000 entries kept, `x-emulator-calls-dropped` counts the rest",
    spec: EMULATOR,
  },
  { tried: "200 root sessions of 0 seconds", held: "expired minted keys pruned: the state holds at most one", spec: EMULATOR },
  {
    tried: "`--port 0x50`, a FIFO as `--seed`, `--seed` beside an existing state file",
    held: "exit 2 with the reason; exit 2 at once; a note that the seed is ignored",
    spec: EMULATOR,
  },
  {
    tried: "a key allowed only `sts:AssumeRole`, escaping permission mode through the role",
    held: "role credentials carry the role's own permissions",
    spec: "tests/emulator/rootSessions.integ.spec.ts",
  },
  {
    tried: "a state write that fails; a 0600 or symlinked state file",
    held: "the change rolled back (500), no temporary file left; mode and symlink kept",
    spec: EMULATOR,
  },
  {
    tried: "`PUT /state` with `1e309`, a duplicate access key or account, a delegated administrator that is no account",
    held: "400 naming the path (`accessKeys[4]`, …); the state in force kept",
    spec: EMULATOR,
  },
];
