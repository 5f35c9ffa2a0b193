/** Where the local host writes its lines; tests pass a collector to assert what was logged. */
export type HostLog = (line: string) => void;

export const consoleHostLog: HostLog = (line) => console.log(`[${new Date().toISOString()}] ${line}`);
