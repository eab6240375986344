// SQL compiler for segment rules: one file per concept.
export { SQL_DIALECTS, assertSqlDialect, isSqlDialect, type SqlDialect } from './SqlDialect';
export { sqlNumber } from './sqlNumber';
export { quoteIdentifier } from './quoteIdentifier';
export { quoteLiteral } from './quoteLiteral';
export { conditionToSql, type ConditionToSqlOptions } from './conditionToSql';
export { bundleCaseSql, bundleToSql, type BundleCaseSqlOptions, type BundleToSqlOptions } from './bundleToSql';
