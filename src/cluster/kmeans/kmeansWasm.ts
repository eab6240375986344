/**
 * The k-means loops that pay for WebAssembly (f64x2 SIMD lanes, no bounds checks), as a module
 * assembled here byte by byte — no toolchain, no binary file. All three run on runs of consecutive
 * rows; kmeansKernels.ts keeps JavaScript twins that give bit-identical results (used where
 * WebAssembly is unavailable, and checked against these in the tests).
 *
 *   dists(x, rows, d, c, m, out)        every pointer in bytes into the module's memory
 *     out[r·m + q] = Σ_t (x[r·d + t] − c[q·d + t])²      for r < rows, q < m
 *   accumulate(x, rows, d, lab, w, sums, wsum)   (lab: int32 labels, w: float64 weights)
 *     for each row r in order: wsum[lab[r]] += w[r]; sums[lab[r]·d + t] += w[r] · x[r·d + t]
 *     (per element the same two roundings as the JavaScript `sums[q] += w * x`)
 *   kppPot(out, rows, m, trials, closest, lab, w, candCC, k, pot)   (k-means++ potentials, see kppPotJs)
 *     for each trial t: pot[t] += Σ_r w[r] · (candCC[t·k + lab[r]] < 4·closest[r] && out[r·m + t] < closest[r] ? out[r·m + t] : closest[r]), rows in order
 *   hamerly(x, rows, d, c, k, lab, upper, lower, half, shift, shiftMax, shift2, jmax, out, ct, kp) → labels changed + 65536 × rows failing the first test
 *     one steady-state Hamerly assignment of a run of rows, exactly as the JavaScript loop in
 *     hamerlyBlock (bounds moved by the shifts, tightened with dists, full search with assign)
 *   assign(x, rows, d, ct, kp, lab, up, low, mode, half, shift, shiftMax, shift2, jmax, w, sums, wsum)
 *     the nearest centre of each row from the centres transposed (ct: d rows of kp values), one splat
 *     of x[t] against a pair of centres per SIMD op, nearest and second nearest kept per lane without
 *     a branch; optionally Hamerly's bounds and the centre sums in the same pass (see assignBody)
 *
 * Summation order, the contract with distsJs and sqDist in kmeansKernels.ts (they must agree to the
 * last bit): lane 0 adds the even columns in order, lane 1 the odd ones; an odd last column is added
 * to lane 0; the result is lane0 + lane1. Groups of four centres share one pass over the row. assign
 * keeps the same order with two accumulators per centre pair (even columns, odd columns), not the
 * BLAS form ‖x‖² − 2x·c + ‖c‖²: that would save one of three SIMD operations per term but round
 * differently (and lose digits far from the origin), so labels near a tie and the bounds would no
 * longer match the JavaScript twins and Lloyd bit for bit.
 * Measured on the 2-core benchmark machine: dists runs 3–6× as fast as the best JavaScript loop.
 */

import {
  END, F64_ADD, F64_MUL, F64_SUB, I32_ADD, I32_AND, I32_EQ, I32_LOAD, I32_MUL, I32_SHL, IF, SELECT,
  f64Const, f64Load, f64Store, get, i32, memoryLimits, section, set, uleb, utf8, vec, whileBelow, type WasmApi,
} from '../../core/wasmAssembler';

declare const WebAssembly: WasmApi | undefined;


// Instructions (opcodes from the WebAssembly core and fixed-width SIMD specifications).
const V128_LOAD = [0xfd, ...uleb(0), 3, 0];
const F64X2_ADD = [0xfd, ...uleb(240)];
const F64X2_SUB = [0xfd, ...uleb(241)];
const F64X2_MUL = [0xfd, ...uleb(242)];
const lane = (l: number) => [0xfd, ...uleb(33), l];
const V128_ZERO = [0xfd, ...uleb(12), ...new Array<number>(16).fill(0)];

// Parameters 0-5, then i32 locals 6-15, v128 locals 16-21, f64 locals 22-23.
const X = 0, ROWS = 1, D = 2, C = 3, M = 4, OUT = 5;
const R = 6, Q = 7, T = 8, DB = 9, PAIRS = 10, M4 = 11, CQ = 12, ODD = 13, XP = 14, OP = 15;
const ACC = 16, XV = 20, DV = 21;
const S = 22, DIFF = 23;


/** Address of centre j of the group at CQ, plus the byte offset in `extra` (a local), on the stack. */
const centreAddr = (j: number, extra: number) => [...get(CQ), ...(j ? [...get(DB), ...i32(j), ...I32_MUL, ...I32_ADD] : []), ...get(extra), ...I32_ADD];

/** acc_j += (xv − c_j[t..t+1])² */
const accumulate = (j: number) => [
  ...get(XV),
  ...centreAddr(j, T),
  ...V128_LOAD,
  ...F64X2_SUB,
  ...set(DV),
  ...get(DV),
  ...get(DV),
  ...F64X2_MUL,
  ...get(ACC + j),
  ...F64X2_ADD,
  ...set(ACC + j),
];

/** out[OP + 8j] = (lane0(acc_j) [+ odd last column²]) + lane1(acc_j) */
const finish = (j: number) => [
  ...get(ACC + j),
  ...lane(0),
  ...set(S),
  ...get(ODD),
  ...IF,
  ...get(XP),
  ...get(PAIRS),
  ...I32_ADD,
  ...f64Load,
  ...centreAddr(j, PAIRS),
  ...f64Load,
  ...F64_SUB,
  ...set(DIFF),
  ...get(S),
  ...get(DIFF),
  ...get(DIFF),
  ...F64_MUL,
  ...F64_ADD,
  ...set(S),
  ...END,
  ...get(OP),
  ...get(S),
  ...get(ACC + j),
  ...lane(1),
  ...F64_ADD,
  ...f64Store(8 * j),
];

/** One group of `width` centres (4, or 1 for the rest): zero the accumulators, sweep the column pairs, store. */
const group = (width: number) => {
  const js = Array.from({ length: width }, (_, j) => j);
  return [
    // cq = c + q·db
    ...get(C),
    ...get(Q),
    ...get(DB),
    ...I32_MUL,
    ...I32_ADD,
    ...set(CQ),
    ...js.flatMap((j) => [...V128_ZERO, ...set(ACC + j)]),
    ...i32(0),
    ...set(T),
    ...whileBelow(T, PAIRS, [
      ...get(XP),
      ...get(T),
      ...I32_ADD,
      ...V128_LOAD,
      ...set(XV),
      ...js.flatMap(accumulate),
      ...get(T),
      ...i32(16),
      ...I32_ADD,
      ...set(T),
    ]),
    ...js.flatMap(finish),
    ...get(OP),
    ...i32(8 * width),
    ...I32_ADD,
    ...set(OP),
    ...get(Q),
    ...i32(width),
    ...I32_ADD,
    ...set(Q),
  ];
};

/** Locals every kernel starts with: db = d·8 (row stride in bytes), pairs = (d & ~1)·8 (bytes in SIMD pairs), odd = d & 1. */
const rowStrides = (d: number, db: number, pairs: number, odd: number): number[] => [
  ...get(d), ...i32(3), ...I32_SHL, ...set(db),
  ...get(d), ...i32(-2), ...I32_AND, ...i32(3), ...I32_SHL, ...set(pairs),
  ...get(d), ...i32(1), ...I32_AND, ...set(odd),
];

const body = [
  // db = d·8; pairs = (d & ~1)·8; odd = d & 1; m4 = m & ~3; xp = x; op = out
  ...rowStrides(D, DB, PAIRS, ODD),
  ...get(M),
  ...i32(-4),
  ...I32_AND,
  ...set(M4),
  ...get(X),
  ...set(XP),
  ...get(OUT),
  ...set(OP),
  ...whileBelow(R, ROWS, [
    ...i32(0),
    ...set(Q),
    ...whileBelow(Q, M4, group(4)),
    ...whileBelow(Q, M, group(1)),
    ...get(XP),
    ...get(DB),
    ...I32_ADD,
    ...set(XP),
    ...get(R),
    ...i32(1),
    ...I32_ADD,
    ...set(R),
  ]),
];

// accumulate: parameters 0-6, i32 locals 7-13, f64 local 14, v128 local 15.
const A_X = 0, A_ROWS = 1, A_D = 2, A_LAB = 3, A_W = 4, A_SUMS = 5, A_WSUM = 6;
const A_R = 7, A_XP = 8, A_SP = 9, A_T = 10, A_DB = 11, A_PAIRS = 12, A_ODD = 13, A_WR = 14, A_WV = 15;
const V128_STORE = [0xfd, ...uleb(11), 3, 0];
const F64X2_SPLAT = [0xfd, ...uleb(20)];

const accumulateBody = [
  ...rowStrides(A_D, A_DB, A_PAIRS, A_ODD),
  ...get(A_X),
  ...set(A_XP),
  ...whileBelow(A_R, A_ROWS, [
    // wr = w[r]; sp = sums + lab[r]·db; wsum[lab[r]] += wr
    ...get(A_W),
    ...get(A_R),
    ...i32(3),
    ...I32_SHL,
    ...I32_ADD,
    ...f64Load,
    ...set(A_WR),
    ...get(A_LAB),
    ...get(A_R),
    ...i32(2),
    ...I32_SHL,
    ...I32_ADD,
    ...I32_LOAD,
    ...set(A_T), // the label, briefly
    ...get(A_WSUM),
    ...get(A_T),
    ...i32(3),
    ...I32_SHL,
    ...I32_ADD,
    ...get(A_WSUM),
    ...get(A_T),
    ...i32(3),
    ...I32_SHL,
    ...I32_ADD,
    ...f64Load,
    ...get(A_WR),
    ...F64_ADD,
    ...f64Store(0),
    ...get(A_SUMS),
    ...get(A_T),
    ...get(A_DB),
    ...I32_MUL,
    ...I32_ADD,
    ...set(A_SP),
    ...get(A_WR),
    ...F64X2_SPLAT,
    ...set(A_WV),
    ...i32(0),
    ...set(A_T),
    ...whileBelow(A_T, A_PAIRS, [
      // sums[sp + t] = sums[sp + t] + wr · x[xp + t], two lanes
      ...get(A_SP),
      ...get(A_T),
      ...I32_ADD,
      ...get(A_SP),
      ...get(A_T),
      ...I32_ADD,
      ...V128_LOAD,
      ...get(A_WV),
      ...get(A_XP),
      ...get(A_T),
      ...I32_ADD,
      ...V128_LOAD,
      ...F64X2_MUL,
      ...F64X2_ADD,
      ...V128_STORE,
      ...get(A_T),
      ...i32(16),
      ...I32_ADD,
      ...set(A_T),
    ]),
    ...get(A_ODD),
    ...IF,
    ...get(A_SP),
    ...get(A_PAIRS),
    ...I32_ADD,
    ...get(A_SP),
    ...get(A_PAIRS),
    ...I32_ADD,
    ...f64Load,
    ...get(A_WR),
    ...get(A_XP),
    ...get(A_PAIRS),
    ...I32_ADD,
    ...f64Load,
    ...F64_MUL,
    ...F64_ADD,
    ...f64Store(0),
    ...END,
    ...get(A_XP),
    ...get(A_DB),
    ...I32_ADD,
    ...set(A_XP),
    ...get(A_R),
    ...i32(1),
    ...I32_ADD,
    ...set(A_R),
  ]),
];

// kppPot: parameters 0-9, i32 locals 10-16, f64 locals 17-19.
const K_OUT = 0, K_ROWS = 1, K_M = 2, K_TRIALS = 3, K_CLOSEST = 4, K_LAB = 5, K_W = 6, K_CC = 7, K_K = 8, K_POT = 9;
const K_T = 10, K_R = 11, K_CCROW = 12, K_OP = 13, K_CP = 14, K_LP = 15, K_WP = 16, K_ACC = 17, K_CL = 18, K_S = 19;
const F64_LT = [0x63];
const bump = (local: number, by: number[]) => [...get(local), ...by, ...I32_ADD, ...set(local)];

const kppPotBody = [
  ...whileBelow(K_T, K_TRIALS, [
    ...get(K_POT),
    ...get(K_T),
    ...i32(3),
    ...I32_SHL,
    ...I32_ADD,
    ...f64Load,
    ...set(K_ACC),
    // ccRow = candCC + t·k·8; op = out + t·8; cp, lp, wp = row 0
    ...get(K_CC),
    ...get(K_T),
    ...get(K_K),
    ...I32_MUL,
    ...i32(3),
    ...I32_SHL,
    ...I32_ADD,
    ...set(K_CCROW),
    ...get(K_OUT),
    ...get(K_T),
    ...i32(3),
    ...I32_SHL,
    ...I32_ADD,
    ...set(K_OP),
    ...get(K_CLOSEST),
    ...set(K_CP),
    ...get(K_LAB),
    ...set(K_LP),
    ...get(K_W),
    ...set(K_WP),
    ...i32(0),
    ...set(K_R),
    ...whileBelow(K_R, K_ROWS, [
      ...get(K_CP),
      ...f64Load,
      ...set(K_CL),
      ...get(K_OP),
      ...f64Load,
      ...set(K_S),
      // acc = acc + w · select(s, cl, candCC[lab] < 4·cl & s < cl)
      ...get(K_ACC),
      ...get(K_WP),
      ...f64Load,
      ...get(K_S),
      ...get(K_CL),
      ...get(K_CCROW),
      ...get(K_LP),
      ...I32_LOAD,
      ...i32(3),
      ...I32_SHL,
      ...I32_ADD,
      ...f64Load,
      ...f64Const(4),
      ...get(K_CL),
      ...F64_MUL,
      ...F64_LT,
      ...get(K_S),
      ...get(K_CL),
      ...F64_LT,
      ...I32_AND,
      ...SELECT,
      ...F64_MUL,
      ...F64_ADD,
      ...set(K_ACC),
      ...bump(K_OP, [...get(K_M), ...i32(3), ...I32_SHL]),
      ...bump(K_CP, i32(8)),
      ...bump(K_LP, i32(4)),
      ...bump(K_WP, i32(8)),
      ...bump(K_R, i32(1)),
    ]),
    ...get(K_POT),
    ...get(K_T),
    ...i32(3),
    ...I32_SHL,
    ...I32_ADD,
    ...get(K_ACC),
    ...f64Store(0),
    ...bump(K_T, i32(1)),
  ]),
];

// hamerly: i32 parameters 0-9 (4, k, unused), f64 parameters 10-11, i32 parameters 12-15; i32 locals 16-22, f64 locals 23-26.
const H_X = 0, H_ROWS = 1, H_D = 2, H_C = 3, H_LAB = 5, H_UP = 6, H_LOW = 7, H_HALF = 8, H_SHIFT = 9;
const H_SMAX = 10, H_S2 = 11, H_JMAX = 12, H_OUT = 13, H_CT = 14, H_KP = 15;
const H_R = 16, H_A = 17, H_XP = 18, H_DB = 19, H_CHANGED = 20, H_RO = 21, H_FAIL = 22;
const H_U = 23, H_L = 24, H_M = 25, H_H = 26;
const F64_GT = [0x64];
const F64_SQRT = [0x9f];
const I32_NE = [0x47];
const I32_STORE = [0x36, 2, 0];
const DROP = [0x1a];
const call = (f: number) => [0x10, ...uleb(f)];
/** Address base + index·2^shift on the stack. */
const at = (base: number, index: number, shift: number) => [...get(base), ...get(index), ...i32(shift), ...I32_SHL, ...I32_ADD];

const hamerlyBody = [
  ...get(H_D),
  ...i32(3),
  ...I32_SHL,
  ...set(H_DB),
  ...get(H_X),
  ...set(H_XP),
  ...whileBelow(H_R, H_ROWS, [
    // a = lab[r]; u = upper[r] + shift[a]; l = lower[r] − (a = jmax ? shift2 : shiftMax)
    ...at(H_LAB, H_R, 2),
    ...I32_LOAD,
    ...set(H_A),
    ...at(H_UP, H_R, 3),
    ...f64Load,
    ...at(H_SHIFT, H_A, 3),
    ...f64Load,
    ...F64_ADD,
    ...set(H_U),
    ...at(H_LOW, H_R, 3),
    ...f64Load,
    ...get(H_S2),
    ...get(H_SMAX),
    ...get(H_A),
    ...get(H_JMAX),
    ...I32_EQ,
    ...SELECT,
    ...F64_SUB,
    ...set(H_L),
    // m = half[a] > l ? half[a] : l
    ...at(H_HALF, H_A, 3),
    ...f64Load,
    ...set(H_H),
    ...get(H_H),
    ...get(H_L),
    ...get(H_H),
    ...get(H_L),
    ...F64_GT,
    ...SELECT,
    ...set(H_M),
    ...get(H_U),
    ...get(H_M),
    ...F64_GT,
    ...IF,
    ...bump(H_FAIL, i32(1)),
    // u = sqrt(dists(row, centre a))
    ...get(H_XP),
    ...i32(1),
    ...get(H_D),
    ...get(H_C),
    ...get(H_A),
    ...get(H_DB),
    ...I32_MUL,
    ...I32_ADD,
    ...i32(1),
    ...get(H_OUT),
    ...call(0),
    ...get(H_OUT),
    ...f64Load,
    ...F64_SQRT,
    ...set(H_U),
    ...get(H_U),
    ...get(H_M),
    ...F64_GT,
    ...IF,
    // full search: assign(row, 1 row, …, mode 1) into the scratch: label at out + 16, √nearest at out, √second at out + 8
    ...get(H_XP),
    ...i32(1),
    ...get(H_D),
    ...get(H_CT),
    ...get(H_KP),
    ...get(H_OUT),
    ...i32(16),
    ...I32_ADD,
    ...get(H_OUT),
    ...get(H_OUT),
    ...i32(8),
    ...I32_ADD,
    ...i32(1),
    ...i32(0),
    ...i32(0),
    ...f64Const(0),
    ...f64Const(0),
    ...i32(0),
    ...i32(0),
    ...i32(0),
    ...i32(0),
    ...call(4),
    ...DROP,
    ...get(H_OUT),
    ...i32(16),
    ...I32_ADD,
    ...I32_LOAD,
    ...set(H_A),
    ...get(H_OUT),
    ...f64Load,
    ...set(H_U),
    ...get(H_OUT),
    ...i32(8),
    ...I32_ADD,
    ...f64Load,
    ...set(H_L),
    ...END,
    ...END,
    // if (lab[r] != a) { lab[r] = a; changed++ }
    ...at(H_LAB, H_R, 2),
    ...set(H_RO),
    ...get(H_RO),
    ...I32_LOAD,
    ...get(H_A),
    ...I32_NE,
    ...IF,
    ...get(H_RO),
    ...get(H_A),
    ...I32_STORE,
    ...bump(H_CHANGED, i32(1)),
    ...END,
    ...at(H_UP, H_R, 3),
    ...get(H_U),
    ...f64Store(0),
    ...at(H_LOW, H_R, 3),
    ...get(H_L),
    ...f64Store(0),
    ...bump(H_XP, get(H_DB)),
    ...bump(H_R, i32(1)),
  ]),
  ...get(H_CHANGED),
  ...get(H_FAIL),
  ...i32(16),
  ...I32_SHL,
  ...I32_ADD,
];


// assign: i32 parameters 0-10, f64 parameters 11-12, i32 parameters 13-16; i32 locals 17-32, v128 locals 33-46, f64 locals 47-54.
const G_X = 0, G_ROWS = 1, G_D = 2, G_CT = 3, G_KP = 4, G_LAB = 5, G_UP = 6, G_LOW = 7, G_MODE = 8, G_HALF = 9, G_SHIFT = 10;
const G_SMAX = 11, G_S2 = 12, G_JMAX = 13, G_W = 14, G_SUMS = 15, G_WSUM = 16;
const G_R = 17, G_XP = 18, G_Q = 19, G_T = 20, G_CTP = 21, G_KPB = 22, G_PAIRS = 23, G_ODD = 24, G_CHANGED = 25, G_Q4 = 26, G_QEND = 27, G_I0 = 28, G_I1 = 29, G_IDX = 30, G_FAIL = 31, G_A = 32;
const G_E = 33, G_O = 37, G_XS = 41, G_DIFF = 42, G_BEST = 43, G_BESTI = 44, G_SEC = 45, G_IDXV = 46;
const G_B0 = 47, G_B1 = 48, G_C0 = 49, G_C1 = 50, G_BD = 51, G_SD = 52, G_TU = 53, G_TL = 54;
const v128Load = (offset: number) => [0xfd, ...uleb(0), 3, ...uleb(offset)];
const V128_LOAD64_SPLAT = (offset: number) => [0xfd, ...uleb(10), 3, ...uleb(offset)];
const F64X2_LT = [0xfd, ...uleb(73)];
const V128_BITSELECT = [0xfd, ...uleb(82)];
const F64X2_PMIN = [0xfd, ...uleb(246)];
const F64X2_PMAX = [0xfd, ...uleb(247)];
const I64X2_ADD = [0xfd, ...uleb(206)];
const i64Lane = (l: number) => [0xfd, ...uleb(29), l];
const I32_WRAP_I64 = [0xa7];
const F64_EQ = [0x61];
const I32_LT_S = [0x48];
const I32_OR = [0x72];
const I32_SHR_U = [0x76];
/** v128.const from two float64 or two int64 lanes. */
const v128F64 = (a: number, b: number) => [0xfd, ...uleb(12), ...new Uint8Array(new Float64Array([a, b]).buffer)];
const v128I64 = (a: number, b: number) => [0xfd, ...uleb(12), ...new Uint8Array(new BigInt64Array([BigInt(a), BigInt(b)]).buffer)];

/** acc += (xs − ct[addr + 16p])² for the p-th centre pair of the group; `addr` pushes the row's address. */
const pairTerm = (acc: number, p: number, addr: number[]) => [
  ...get(G_XS),
  ...addr,
  ...v128Load(16 * p),
  ...F64X2_SUB,
  ...set(G_DIFF),
  ...get(G_DIFF),
  ...get(G_DIFF),
  ...F64X2_MUL,
  ...get(acc),
  ...F64X2_ADD,
  ...set(acc),
];

/**
 * One group of `width` centre pairs (4, or 1 for the rest) at pair offset q (bytes) of the transposed
 * centres: per pair an even-column and an odd-column accumulator (lane l = centre 2·pair + l), so each
 * distance is (Σ even columns) + (Σ odd columns) in column order — sqDist's order, bit for bit. Then
 * the running nearest (value, index) and second-nearest value per lane, without a branch.
 */
const pairGroup = (width: number) => {
  const ps = Array.from({ length: width }, (_, p) => p);
  return [
    ...ps.flatMap((p) => [...V128_ZERO, ...set(G_E + p), ...V128_ZERO, ...set(G_O + p)]),
    ...get(G_CT),
    ...get(G_Q),
    ...I32_ADD,
    ...set(G_CTP),
    ...i32(0),
    ...set(G_T),
    ...whileBelow(G_T, G_PAIRS, [
      ...get(G_XP),
      ...get(G_T),
      ...I32_ADD,
      ...V128_LOAD64_SPLAT(0),
      ...set(G_XS),
      ...ps.flatMap((p) => pairTerm(G_E + p, p, get(G_CTP))),
      ...get(G_XP),
      ...get(G_T),
      ...I32_ADD,
      ...V128_LOAD64_SPLAT(8),
      ...set(G_XS),
      ...ps.flatMap((p) => pairTerm(G_O + p, p, [...get(G_CTP), ...get(G_KPB), ...I32_ADD])),
      ...bump(G_CTP, [...get(G_KPB), ...get(G_KPB), ...I32_ADD]),
      ...bump(G_T, i32(16)),
    ]),
    ...get(G_ODD),
    ...IF,
    ...get(G_XP),
    ...get(G_T),
    ...I32_ADD,
    ...V128_LOAD64_SPLAT(0),
    ...set(G_XS),
    ...ps.flatMap((p) => pairTerm(G_E + p, p, get(G_CTP))),
    ...END,
    ...ps.flatMap((p) => [
      // s = even + odd (in G_DIFF); besti = s < best ? idx : besti; sec = pmin(sec, pmax(best, s)); best = pmin(best, s)
      ...get(G_E + p),
      ...get(G_O + p),
      ...F64X2_ADD,
      ...set(G_DIFF),
      ...get(G_IDXV),
      ...get(G_BESTI),
      ...get(G_DIFF),
      ...get(G_BEST),
      ...F64X2_LT,
      ...V128_BITSELECT,
      ...set(G_BESTI),
      ...get(G_SEC),
      ...get(G_BEST),
      ...get(G_DIFF),
      ...F64X2_PMAX,
      ...F64X2_PMIN,
      ...set(G_SEC),
      ...get(G_BEST),
      ...get(G_DIFF),
      ...F64X2_PMIN,
      ...set(G_BEST),
      ...get(G_IDXV),
      ...v128I64(2, 2),
      ...I64X2_ADD,
      ...set(G_IDXV),
    ]),
    ...bump(G_Q, i32(16 * width)),
  ];
};

/**
 * assign(x, rows, d, ct, kp, lab, up, low, mode, half, shift, shiftMax, shift2, jmax, w, sums, wsum)
 * → labels changed + 65536 × rows failing Hamerly's test: the nearest centre of each row (lowest index
 * on ties, as nearestTwo), from the centres transposed into ct (d rows of kp = k rounded up to even
 * values; a padding centre is +Infinity). mode bits: 1 also writes upper = √(nearest) and
 * lower = √(second nearest), Hamerly's bounds; 2 does too, after counting the rows whose old bounds,
 * moved by the shifts, would not have kept their label (Hamerly's first test, as in hamerlyBody), so a
 * dense pass knows whether to stay dense; 4 adds each row to its centre's sums in the same pass, in
 * row order with accumulate's arithmetic (so the same bits).
 */
const assignBody = [
  ...get(G_KP), ...i32(3), ...I32_SHL, ...set(G_KPB),
  ...get(G_D), ...i32(-2), ...I32_AND, ...i32(3), ...I32_SHL, ...set(G_PAIRS),
  ...get(G_D), ...i32(1), ...I32_AND, ...set(G_ODD),
  // pair offsets in bytes: groups of four pairs end at q4, all pairs at qend
  ...get(G_KP), ...i32(1), ...I32_SHR_U, ...i32(-4), ...I32_AND, ...i32(4), ...I32_SHL, ...set(G_Q4),
  ...get(G_KP), ...i32(1), ...I32_SHR_U, ...i32(4), ...I32_SHL, ...set(G_QEND),
  ...get(G_X),
  ...set(G_XP),
  ...whileBelow(G_R, G_ROWS, [
    // mode 2: fail += (upper + shift[a] > max(half[a], lower − (a = jmax ? shift2 : shiftMax)))
    ...get(G_MODE),
    ...i32(2),
    ...I32_AND,
    ...IF,
    ...at(G_LAB, G_R, 2), ...I32_LOAD, ...set(G_A),
    ...at(G_UP, G_R, 3), ...f64Load, ...at(G_SHIFT, G_A, 3), ...f64Load, ...F64_ADD, ...set(G_TU),
    ...at(G_LOW, G_R, 3), ...f64Load,
    ...get(G_S2), ...get(G_SMAX), ...get(G_A), ...get(G_JMAX), ...I32_EQ, ...SELECT,
    ...F64_SUB, ...set(G_TL),
    ...at(G_HALF, G_A, 3), ...f64Load, ...set(G_BD),
    ...get(G_BD), ...get(G_TL), ...get(G_BD), ...get(G_TL), ...F64_GT, ...SELECT, ...set(G_TL),
    ...get(G_FAIL), ...get(G_TU), ...get(G_TL), ...F64_GT, ...I32_ADD, ...set(G_FAIL),
    ...END,
    ...v128F64(Infinity, Infinity),
    ...set(G_BEST),
    ...v128F64(Infinity, Infinity),
    ...set(G_SEC),
    ...v128I64(0, 0x7fffffff),
    ...set(G_BESTI),
    ...v128I64(0, 1),
    ...set(G_IDXV),
    ...i32(0),
    ...set(G_Q),
    ...whileBelow(G_Q, G_Q4, pairGroup(4)),
    ...whileBelow(G_Q, G_QEND, pairGroup(1)),
    // merge the lanes: lane 1 wins if nearer, or as near with a lower index
    ...get(G_BEST), ...lane(0), ...set(G_B0),
    ...get(G_BEST), ...lane(1), ...set(G_B1),
    ...get(G_SEC), ...lane(0), ...set(G_C0),
    ...get(G_SEC), ...lane(1), ...set(G_C1),
    ...get(G_BESTI), ...i64Lane(0), ...I32_WRAP_I64, ...set(G_I0),
    ...get(G_BESTI), ...i64Lane(1), ...I32_WRAP_I64, ...set(G_I1),
    ...get(G_B1), ...get(G_B0), ...F64_LT,
    ...get(G_B1), ...get(G_B0), ...F64_EQ,
    ...get(G_I1), ...get(G_I0), ...I32_LT_S,
    ...I32_AND,
    ...I32_OR,
    ...set(G_T), // lane 1 wins, briefly
    ...get(G_I1), ...get(G_I0), ...get(G_T), ...SELECT, ...set(G_IDX),
    ...get(G_B1), ...get(G_B0), ...get(G_T), ...SELECT, ...set(G_BD),
    // second nearest = min(max(b0, b1), c0, c1)
    ...get(G_B1), ...get(G_B0), ...get(G_B0), ...get(G_B1), ...F64_LT, ...SELECT, ...set(G_SD),
    ...get(G_C0), ...get(G_C1), ...get(G_C0), ...get(G_C1), ...F64_LT, ...SELECT, ...set(G_C0),
    ...get(G_C0), ...get(G_SD), ...get(G_C0), ...get(G_SD), ...F64_LT, ...SELECT, ...set(G_SD),
    // if (lab[r] != idx) { lab[r] = idx; changed++ }
    ...at(G_LAB, G_R, 2), ...I32_LOAD, ...get(G_IDX), ...I32_NE,
    ...IF,
    ...at(G_LAB, G_R, 2), ...get(G_IDX), ...I32_STORE,
    ...bump(G_CHANGED, i32(1)),
    ...END,
    ...get(G_MODE),
    ...i32(3),
    ...I32_AND,
    ...IF,
    ...at(G_UP, G_R, 3), ...get(G_BD), ...F64_SQRT, ...f64Store(0),
    ...at(G_LOW, G_R, 3), ...get(G_SD), ...F64_SQRT, ...f64Store(0),
    ...END,
    // mode 4: wsum[idx] += w[r]; sums[idx·d + t] += w[r] · x[t] (G_BD: w[r], G_CTP: the centre's sums, G_T: column bytes, G_XS: w[r] twice)
    ...get(G_MODE),
    ...i32(4),
    ...I32_AND,
    ...IF,
    ...at(G_W, G_R, 3), ...f64Load, ...set(G_BD),
    ...at(G_WSUM, G_IDX, 3), ...at(G_WSUM, G_IDX, 3), ...f64Load, ...get(G_BD), ...F64_ADD, ...f64Store(0),
    ...get(G_SUMS), ...get(G_IDX), ...get(G_D), ...I32_MUL, ...i32(3), ...I32_SHL, ...I32_ADD, ...set(G_CTP),
    ...get(G_BD), ...F64X2_SPLAT, ...set(G_XS),
    ...i32(0),
    ...set(G_T),
    ...whileBelow(G_T, G_PAIRS, [
      ...get(G_CTP), ...get(G_T), ...I32_ADD,
      ...get(G_CTP), ...get(G_T), ...I32_ADD, ...V128_LOAD,
      ...get(G_XS),
      ...get(G_XP), ...get(G_T), ...I32_ADD, ...V128_LOAD,
      ...F64X2_MUL,
      ...F64X2_ADD,
      ...V128_STORE,
      ...bump(G_T, i32(16)),
    ]),
    ...get(G_ODD),
    ...IF,
    ...get(G_CTP), ...get(G_PAIRS), ...I32_ADD,
    ...get(G_CTP), ...get(G_PAIRS), ...I32_ADD, ...f64Load,
    ...get(G_BD),
    ...get(G_XP), ...get(G_PAIRS), ...I32_ADD, ...f64Load,
    ...F64_MUL,
    ...F64_ADD,
    ...f64Store(0),
    ...END,
    ...END,
    ...bump(G_XP, [...get(G_D), ...i32(3), ...I32_SHL]),
    ...bump(G_R, i32(1)),
  ]),
  ...get(G_CHANGED),
  ...get(G_FAIL),
  ...i32(16),
  ...I32_SHL,
  ...I32_ADD,
];

/** The module importing memory "env.mem" (shared or not, as the memory it will get) and exporting its four functions. */
export function kmeansWasmBytes(shared: boolean): Uint8Array {
  const locals = vec([
    [...uleb(10), 0x7f],
    [...uleb(6), 0x7b],
    [...uleb(2), 0x7c],
  ]);
  const code = [...locals, ...body, ...END];
  const accLocals = vec([
    [...uleb(7), 0x7f],
    [...uleb(1), 0x7c],
    [...uleb(1), 0x7b],
  ]);
  const accCode = [...accLocals, ...accumulateBody, ...END];
  const i32s = (count: number) => vec(Array.from({ length: count }, () => [0x7f]));
  const potLocals = vec([
    [...uleb(7), 0x7f],
    [...uleb(3), 0x7c],
  ]);
  const potCode = [...potLocals, ...kppPotBody, ...END];
  const hamLocals = vec([
    [...uleb(7), 0x7f],
    [...uleb(4), 0x7c],
  ]);
  const hamCode = [...hamLocals, ...hamerlyBody, ...END];
  const hamType = [0x60, ...vec([...Array.from({ length: 10 }, () => [0x7f]), [0x7c], [0x7c], [0x7f], [0x7f], [0x7f], [0x7f]]), ...vec([[0x7f]])];
  const assignLocals = vec([
    [...uleb(16), 0x7f],
    [...uleb(14), 0x7b],
    [...uleb(8), 0x7c],
  ]);
  const assignCode = [...assignLocals, ...assignBody, ...END];
  const assignType = [0x60, ...vec([...Array.from({ length: 11 }, () => [0x7f]), [0x7c], [0x7c], [0x7f], [0x7f], [0x7f], [0x7f]]), ...vec([[0x7f]])];
    return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...i32s(6), ...vec([])], [0x60, ...i32s(7), ...vec([])], [0x60, ...i32s(10), ...vec([])], hamType, assignType])),
    ...section(2, vec([[...utf8('env'), ...utf8('mem'), 0x02, ...memoryLimits(shared)]])),
    ...section(3, vec([uleb(0), uleb(1), uleb(2), uleb(3), uleb(4)])),
    ...section(
      7,
      vec([
        [...utf8('dists'), 0x00, ...uleb(0)],
        [...utf8('accumulate'), 0x00, ...uleb(1)],
        [...utf8('kppPot'), 0x00, ...uleb(2)],
        [...utf8('hamerly'), 0x00, ...uleb(3)],
        [...utf8('assign'), 0x00, ...uleb(4)],
      ]),
    ),
    ...section(
      10,
      vec([
        [...uleb(code.length), ...code],
        [...uleb(accCode.length), ...accCode],
        [...uleb(potCode.length), ...potCode],
        [...uleb(hamCode.length), ...hamCode],
        [...uleb(assignCode.length), ...assignCode],
      ]),
    ),
  ]);
}

/** Compiled module for this memory kind, or null where WebAssembly SIMD is unavailable (callers fall back to distsJs). */
export function compileKMeansWasm(shared: boolean): object | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    return new WebAssembly.Module(kmeansWasmBytes(shared));
  } catch {
    return null;
  }
}
