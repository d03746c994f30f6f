// Everything that crosses a process boundary speaks the contract's vocabulary; re-exported so
// `import IPC` is enough on both sides.
@_exported import Contract
