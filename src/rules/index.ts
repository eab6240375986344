// Public API of the rules layer (rules/ imports core/ only).
export * from './jsonLogic';
export * from './sql';
export * from './tree';
export * from './extract';
