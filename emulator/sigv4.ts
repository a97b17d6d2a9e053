/** Who signed a request: the credential scope of a SigV4 `Authorization` header (the signature is not verified). */

export interface SigV4Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** Reads the credential scope; null when the header is absent or not SigV4. */
export function parseAuthorization(header: string | undefined): SigV4Credential | null {
  if (!header) return null;
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,/.exec(header);
  if (!m) return null;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
}
