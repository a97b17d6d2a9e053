// Shown in full: an end-to-end failure is explained by the CLI output the assertion quotes.
import { config } from "chai";
import { forgetClaims } from "../provider/core/claims";
import { forgetRunFacts } from "../provider/aws/runFacts";

config.truncateThreshold = 0;

/**
 * In-process tests run many deployments in one process, where Pulumi gives each its own provider process: each
 * test starts with no deployment claims and no facts read by an earlier run, and a test that destroys what it
 * created calls `newDeployment()` between.
 */
export const mochaHooks = {
  beforeEach(): void {
    forgetClaims();
    forgetRunFacts();
  },
};
