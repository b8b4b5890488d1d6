/** The built-in policy lives in the contract, so the mini-program's policy editor gets it generated. */
export { DEFAULT_POLICY } from '../../../typings/contracts/default-policy';
