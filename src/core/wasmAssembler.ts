/**
 * The pieces of a WebAssembly module assembled byte by byte — no toolchain, no binary file: LEB128 numbers,
 * vectors and sections, and the instructions seglab's kernels use (opcodes from the WebAssembly core and
 * fixed-width SIMD specifications). The k-means kernels (cluster/kmeans/kmeansWasm.ts) and the boosted trees'
 * histogram kernel (models/trees/histogramWasm.ts) are written with them.
 */

/** The parts of the global WebAssembly object seglab uses (the project's ES2022 lib has no typings for it). */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { readonly buffer: ArrayBuffer | SharedArrayBuffer };
}

export const uleb = (v: number): number[] => {
  const b: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v) byte |= 0x80;
    b.push(byte);
  } while (v);
  return b;
};
export const sleb = (v: number): number[] => {
  const b: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(byte & 0x40)) || (v === -1 && byte & 0x40)) {
      b.push(byte);
      return b;
    }
    b.push(byte | 0x80);
  }
};
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
export const utf8 = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const tee = (i: number) => [0x22, ...uleb(i)];
export const i32 = (v: number) => [0x41, ...sleb(v)];
export const f64Const = (v: number) => [0x44, ...new Uint8Array(new Float64Array([v]).buffer)];
export const I32_ADD = [0x6a];
export const I32_MUL = [0x6c];
export const I32_AND = [0x71];
export const I32_SHL = [0x74];
export const I32_GE_U = [0x4f];
export const I32_EQ = [0x46];
export const I32_EQZ = [0x45];
export const I32_LOAD = [0x28, 2, 0];
export const i32Load8u = (offset: number) => [0x2d, 0, ...uleb(offset)];
export const f64Load = [0x2b, 3, 0];
export const f64LoadAt = (offset: number) => [0x2b, 3, ...uleb(offset)];
export const f64Store = (offset: number) => [0x39, 3, ...uleb(offset)];
export const F64_ADD = [0xa0];
export const F64_SUB = [0xa1];
export const F64_MUL = [0xa2];
export const SELECT = [0x1b];
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const IF = [0x04, 0x40];
export const ELSE = [0x05];
export const br = (depth: number) => [0x0c, ...uleb(depth)];
export const brIf = (depth: number) => [0x0d, ...uleb(depth)];
export const END = [0x0b];

/** while (!(local >= limit)) { body } — as block/loop with the exit test first. */
export const whileBelow = (local: number, limit: number, body: number[]) => [...BLOCK, ...LOOP, ...get(local), ...get(limit), ...I32_GE_U, ...brIf(1), ...body, ...br(0), ...END, ...END];

/** The 8-byte module header (magic and version 1). */
export const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** The limits of an imported memory: shared ones need a maximum (the 32-bit 65536 pages). */
export const memoryLimits = (shared: boolean): number[] => (shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)]);
