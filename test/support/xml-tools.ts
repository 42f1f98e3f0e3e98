/**
 * The independent checkers the e-receipt tests hold our XML to: libxml2's xmllint
 * (Debian package libxml2-utils) validates against our XSDs, and xmlsec1 (Debian package
 * xmlsec1) verifies signatures. Neither may fetch anything: xmllint runs with --nonet and
 * xmlsec1 resolves same-document references only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const schemaDir = fileURLToPath(new URL('../../shared/e-receipt/schemas/', import.meta.url));

export const SCHEMAS = {
  receipt: join(schemaDir, 'e-receipt.xsd'),
  summary: join(schemaDir, 'daily-summary.xsd'),
  notice: join(schemaDir, 'error-notice.xsd'),
  registration: join(schemaDir, 'registration.xsd'),
} as const;

export interface ToolResult {
  ok: boolean;
  output: string;
}

function withFiles<T>(files: Record<string, string>, run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'e-receipt-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`${command} could not run (${result.error.message}); install it (see test/support/xml-tools.ts)`);
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Validates every document against one XSD in one xmllint run; ok only if all are valid. */
export function xmllintValidate(schema: string, documents: readonly string[]): ToolResult {
  const files = Object.fromEntries(documents.map((xml, i) => [`doc-${i}.xml`, xml]));
  return withFiles(files, (dir) => run('xmllint', ['--nonet', '--noout', '--schema', schema, ...Object.keys(files).map((f) => join(dir, f))]));
}

/**
 * xmlsec1 --verify with our CA as the only trusted certificate. `dataElement` names the
 * element whose Id attribute the first Reference points at.
 */
export function xmlsecVerify(xml: string, caPem: string, dataElement: string): ToolResult {
  return withFiles({ 'signed.xml': xml, 'ca.pem': caPem }, (dir) =>
    run('xmlsec1', [
      '--verify',
      '--trusted-pem',
      join(dir, 'ca.pem'),
      '--enabled-reference-uris',
      'same-doc',
      '--id-attr:Id',
      dataElement,
      join(dir, 'signed.xml'),
    ]),
  );
}
