import { ledger } from './ledger';
import { meetings } from './meetings';
import { members } from './members';
import { notify } from './notify';
import { opinions } from './opinions';
import { proposals } from './proposals';
import { reading } from './reading';
import { settings } from './settings';
import { studios } from './studios';

/** Every deployable cloud function and the actions it serves. */
export const contracts = {
  members,
  ledger,
  notify,
  meetings,
  proposals,
  opinions,
  settings,
  reading,
  studios,
};

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;

export * from './contract';
export type { ChartImage, JobView } from './common';
export * from './envelope';
export * from './errors';
export * from './members';
export * from './ledger';
export * from './notify';
export * from './meetings';
export * from './proposals';
export * from './opinions';
export * from './settings';
export * from './reading';
export * from './studios';
export * from './speeches';
export * from './default-policy';
