// Runs sim-core compiled to wasm32 on a scenario and prints the JSON report.
// Usage: node wasm_check.mjs MODULE.wasm SCENARIO.toml SEED REPLICATIONS
import { readFileSync } from "node:fs";

const [wasmPath, scenarioPath, seed, reps] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const { memory, alloc, run, output_ptr } = instance.exports;
const text = new TextEncoder().encode(readFileSync(scenarioPath, "utf8"));
const ptr = alloc(text.length);
new Uint8Array(memory.buffer, ptr, text.length).set(text);
const len = run(ptr, text.length, BigInt(seed), Number(reps));
const out = new Uint8Array(memory.buffer, output_ptr(), len);
process.stdout.write(new TextDecoder().decode(out) + "\n");
