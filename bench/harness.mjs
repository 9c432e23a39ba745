// A small, honest benchmark harness: measures operations per second over a fixed
// wall-clock window after warm-up, takes the median of several rounds, and
// reports each figure with a baseline measured in the same run (ratio = value / baseline).

/** Operations per second of `fn` (called in batches), median of `rounds` windows. */
export function opsPerSecond(fn, { rounds = 5, windowMs = 200, warmupMs = 200 } = {}) {
  const timed = (ms) => {
    let n = 0
    let batch = 1
    const start = performance.now()
    let now = start
    while (now - start < ms) {
      for (let i = 0; i < batch; i++) fn(i)
      n += batch
      if (batch < 4096) batch *= 2
      now = performance.now()
    }
    return (n * 1000) / (now - start)
  }
  timed(warmupMs)
  const results = []
  for (let r = 0; r < rounds; r++) results.push(timed(windowMs))
  results.sort((a, b) => a - b)
  return results[Math.floor(results.length / 2)]
}

/** Median wall time in milliseconds of an async or sync `fn` over `rounds` runs. */
export async function medianMs(fn, { rounds = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn()
  const times = []
  for (let r = 0; r < rounds; r++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** Builds one result row of bench/results.json. */
export const row = (name, value, unit, baseline) => ({
  name,
  value: Number(value.toPrecision(6)),
  unit,
  baseline: baseline === undefined ? null : Number(baseline.toPrecision(6)),
  ratio: baseline ? Number((value / baseline).toPrecision(4)) : null
})
