/* `newspipe-ticker-link import`: builds a newspipe-listings(5) table from public source
 * files (SEC company_tickers_exchange.json, the S&P 500 constituents CSV, Nasdaq screener
 * JSON, FinanceDatabase equities TSV, plain listing TSVs) and a curated alias file. */
#ifndef TL_IMPORT_H
#define TL_IMPORT_H

/* Runs the subcommand; argv[0] is "import". Returns an exit code. */
int tl_import_main(int argc, char **argv);

#endif
