/**
 * The self-signed certificate of an emulator started with `tls`, for clients that only speak
 * `https://` (tccli among them). It is made at start with the `openssl` command, valid for
 * `localhost`, `127.0.0.1`, `::1` and the listening host, and kept in a fresh temporary folder
 * that `stop()` removes. `openssl` rather than an npm package: Node's crypto cannot write X.509
 * certificates, and a certificate library (node-forge and its wrappers) would become a runtime
 * dependency of every user of this library for a development-only switch, while `openssl` is
 * on Debian, macOS and every CI image; without it, `tls` fails with a message saying so.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** A generated certificate and its key, on disk and in memory. */
export interface TlsMaterial {
  /** PEM certificate file: the file to trust (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE). */
  certFile: string;
  cert: Buffer;
  key: Buffer;
  /** Removes the folder holding the files. */
  remove(): Promise<void>;
}

/** How a client is told to trust `certFile`, as the CLI prints it. */
export function trustHint(certFile: string): string {
  return (
    `trust it with NODE_EXTRA_CA_CERTS=${certFile} (Node), SSL_CERT_FILE=${certFile} (Go, ` +
    `OpenSSL) or REQUESTS_CA_BUNDLE=${certFile} (Python requests; the Tencent Python SDK and ` +
    `tccli read certifi's bundle instead: add the certificate to it)`
  );
}

/** Makes a self-signed certificate valid for the loopback names and `host`. */
export async function makeSelfSignedCertificate(host: string): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), "tencentcloud-live-emulator-tls-"));
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  const names = new Set(["DNS:localhost", "IP:127.0.0.1", "IP:::1"]);
  names.add(isIP(host) ? `IP:${host}` : `DNS:${host}`);
  try {
    await promisify(execFile)("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-sha256",
      "-days",
      "30",
      "-subj",
      "/CN=tencentcloud-live-emulator",
      "-addext",
      `subjectAltName=${[...names].join(",")}`,
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ]);
    const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
    return { certFile, cert, key, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new Error(
      missing
        ? "tls needs the openssl command to make its self-signed certificate, and it is not on PATH"
        : `could not make the self-signed certificate with openssl: ${(err as Error).message}`,
    );
  }
}
