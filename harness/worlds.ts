/**
 * Emulated worlds with many organizations, for the concurrency tests and the scale benchmark: organization i has
 * its own management account, access key and AWS profile `org<i>` in a shared credentials file.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface MultiOrgWorld {
  seed: Record<string, unknown>;
  credentialsFile: string;
  organizationIds: string[];
}

export function multiOrgWorld(n: number, dir: string): MultiOrgWorld {
  const organizations = [];
  const accounts = [];
  const accessKeys = [];
  const organizationIds: string[] = [];
  let profiles = "";
  for (let i = 0; i < n; i += 1) {
    const account = String(100_000_000_000 + i);
    const id = `o-multi${String(i).padStart(6, "0")}`;
    const key = `AKIAMULTI${String(i).padStart(11, "0")}`;
    organizations.push({ id, managementAccountId: account });
    accounts.push({ id: account, organizationId: id });
    accessKeys.push({ accessKeyId: key, accountId: account });
    organizationIds.push(id);
    profiles += `[org${i}]\naws_access_key_id = ${key}\naws_secret_access_key = multi-org-secret-${i}\n`;
  }
  const credentialsFile = join(dir, "credentials");
  writeFileSync(credentialsFile, profiles);
  return { seed: { organizations, accounts, accessKeys, defaultAccountId: null }, credentialsFile, organizationIds };
}
