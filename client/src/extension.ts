// placeholder
export function activate(): void {}
