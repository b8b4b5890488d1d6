import { ledger } from './ledger';
import { members } from './members';
import { notify } from './notify';

/** Every deployable cloud function and the actions it serves. */
export const contracts = { members, ledger, notify };

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;

export * from './contract';
export * from './envelope';
export * from './errors';
export * from './members';
export * from './ledger';
export * from './notify';
