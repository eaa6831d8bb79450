/**
 * CPU cost of one password hash (PBKDF2-HMAC-SHA256, 100,000 iterations,
 * the Workers cap) with the exact module the Worker uses, on WebCrypto in
 * Node (OpenSSL; workerd uses BoringSSL, the same native HMAC loop).
 *
 *   node bench/password-hash.ts
 */
import { cpus } from "node:os";
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from "../src/domain/identity/password.ts";

const runs = 30;
const stored = await hashPassword("warm-up");
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const cpuBefore = process.cpuUsage();
  await verifyPassword(`attempt-${i}`, stored);
  const used = process.cpuUsage(cpuBefore);
  times.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(runs / 2)]!;
const p90 = times[Math.floor(runs * 0.9)]!;
console.log(`${cpus()[0]?.model}, Node ${process.versions.node}`);
console.log(
  `PBKDF2-SHA256 x ${PBKDF2_ITERATIONS}: median ${median.toFixed(1)} ms CPU, p90 ${p90.toFixed(1)} ms CPU (${runs} runs)`,
);
