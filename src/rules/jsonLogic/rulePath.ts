const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of an operator's value inside a rule, in JavaScript accessor syntax: rule.and, rule[">="]. */
export function operatorPath(parent: string, operator: string): string {
  return IDENTIFIER.test(operator) ? `${parent}.${operator}` : `${parent}[${JSON.stringify(operator)}]`;
}

/** The path of an array element: rule.and[1]. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
