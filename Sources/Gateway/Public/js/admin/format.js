// Numbers as people read them. Costs of a local or cheap model are fractions of a cent, so
// small amounts keep four decimals (as `resume-agent usage` prints them).

export function usd(value) {
  const v = Number(value) || 0;
  if (v === 0) return '$0.00';
  return `$${Math.abs(v) < 1 ? v.toFixed(4) : v.toFixed(2)}`;
}

export function count(value) {
  return (Number(value) || 0).toLocaleString('en-US');
}

export function percent(fraction) {
  const p = fraction * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

/** `2026-02-14T12:03:00.000Z` → `2026-02-14 12:03 UTC`. */
export function utc(timestamp) {
  return timestamp ? `${timestamp.slice(0, 10)} ${timestamp.slice(11, 16)} UTC` : '';
}

/** Bytes in binary units, as the storage quota counts them (1 MB = 1024 × 1024 bytes). */
export function bytes(value) {
  let v = Number(value) || 0;
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) { v /= 1024; unit += 1; }
  return unit === 0 ? `${v} bytes` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[unit]}`;
}
