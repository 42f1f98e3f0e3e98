/** The pull-API stand-ins live beside the local server (local/pull-stand-ins.ts), where the benchmark reaches them too. */
export * from '../../local/pull-stand-ins';
