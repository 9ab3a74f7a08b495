// The bench's DuckDB peer: the three jobs of bench/run in SQL, through
// DuckDB's node bindings (@duckdb/node-api, installed by bench/run into
// bench/duckdb/), two threads, an in-memory database, the way a DuckDB
// user would write them.  Output goes to standard output in the same form
// as the hfsnap tool's, so bench/run can check it before timing.
//
//   node bench/duckdb_jobs.mjs parse FILE DATE FORMAT   FORMAT: array,
//        newline_delimited or auto (arrays back to back)
//   node bench/duckdb_jobs.mjs quartiles SERIES.tsv
//   node bench/duckdb_jobs.mjs monthly SERIES-ORG.tsv
//   node bench/duckdb_jobs.mjs version
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'duckdb', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [job, file, ...rest] = process.argv.slice(2);
const lit = (s) => "'" + String(s).replaceAll("'", "''") + "'";

// jq's @tsv escaping of a text column, as hfsnap-parse writes text.
const esc = (x) => `replace(replace(replace(replace(replace(${x}, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r'), chr(0), '\\0')`;

// hfsnap-parse's twelve default columns (hfsnap-parse(1), the jq oracle
// tests/hfsnap-parse.jq), one TSV line per model, written by COPY.
function parseSql(date, format) {
	const columns = `{
		id: 'VARCHAR', modelId: 'VARCHAR', downloadsAllTime: 'UBIGINT',
		downloads: 'UBIGINT', likes: 'UBIGINT', createdAt: 'VARCHAR',
		safetensors: 'STRUCT(total UBIGINT)', gguf: 'STRUCT(total UBIGINT)',
		library_name: 'VARCHAR', pipeline_tag: 'VARCHAR', tags: 'VARCHAR[]',
		siblings: 'STRUCT(rfilename VARCHAR)[]',
		baseModels: 'STRUCT(relation VARCHAR, models STRUCT(id VARCHAR)[])'
	}`;
	const cell = (x) => `coalesce(CAST(${x} AS VARCHAR), '')`;
	return `
	COPY (
	WITH m AS (
		SELECT *, coalesce(id, modelId) AS model,
		       list_transform(list_filter(tags, t -> starts_with(t, 'base_model:')),
		           t -> CASE WHEN strpos(substr(t, 12), ':') > 0
		                THEN {rel: split_part(substr(t, 12), ':', 1),
		                      id: substr(t, 12 + strpos(substr(t, 12), ':'))}
		                ELSE {rel: NULL, id: substr(t, 12)} END) AS bt
		FROM read_json(${lit(file)}, format = ${lit(format)}, columns = ${columns},
		               maximum_object_size = 67108864)
	), b AS (
		SELECT *, CASE WHEN len(bt) > 0 THEN bt[1].id ELSE baseModels.models[1].id END AS base
		FROM m
	)
	SELECT concat_ws(chr(9),
		${esc('model')}, ${lit(date)},
		${cell('downloadsAllTime')}, ${cell('downloads')}, ${cell('likes')},
		coalesce(substr(createdAt, 1, 10), ''),
		${cell('coalesce(safetensors.total, gguf.total)')},
		coalesce(${esc('library_name')}, ''), coalesce(${esc('pipeline_tag')}, ''),
		coalesce(${esc('base')}, ''),
		coalesce(${esc(`coalesce(list_filter(bt, x -> x.id = base AND x.rel IS NOT NULL)[1].rel,
		                         baseModels.relation)`)}, ''),
		CASE WHEN list_contains(tags, 'gguf') OR gguf IS NOT NULL
		          OR len(list_filter(siblings, s -> ends_with(s.rfilename, '.gguf'))) > 0 THEN 'gguf'
		     WHEN library_name = 'mlx' OR list_contains(tags, 'mlx')
		          OR (starts_with(model, 'mlx-community/') AND length(model) > 14) THEN 'mlx'
		     ELSE '' END) AS line
	FROM b
	) TO '/dev/stdout' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\\x01')`;
}

const series = (f, extra = '') => `read_csv(${lit(f)}, delim = '\\t', header = true,
	columns = {'#model': 'VARCHAR', 'date': 'DATE', 'downloads': 'UBIGINT',
	           'created': 'VARCHAR', 'params': 'VARCHAR'${extra}})`;

// iqr-filter --stats: per model, the rates of increments (a fall counts as
// 0) over the days between observations, their quartiles (type 7,
// quantile_cont), models with 4 increments or more.
const quartilesSql = (f) => `
	WITH s AS (
		SELECT "#model" AS model, date AS d, downloads AS v FROM ${series(f)}
		WHERE downloads IS NOT NULL
	), r AS (
		SELECT model, greatest(v::DOUBLE - lag(v) OVER w, 0) / (d - lag(d) OVER w) AS rate
		FROM s WINDOW w AS (PARTITION BY model ORDER BY d)
	)
	SELECT model,
	       quantile_cont(rate, 0.25) AS q1, median(rate) AS median,
	       quantile_cont(rate, 0.75) AS q3,
	       quantile_cont(rate, 0.75) - quantile_cont(rate, 0.25) AS iqr
	FROM r WHERE rate IS NOT NULL GROUP BY model HAVING count(rate) >= 4
	ORDER BY model`;

// cummulate -g org -p month: at each month boundary after the first day,
// and at the day after the last, each model's last count dated before it
// (carried forward, 0 before its first), summed by the model's org (from
// its last row).
const monthlySql = (f) => `
	WITH s AS (
		SELECT "#model" AS model, date AS d, downloads AS v, org
		FROM ${series(f, ", 'org': 'VARCHAR'")} WHERE downloads IS NOT NULL
	), lim AS (
		SELECT min(d) AS mind, max(d) + 1 AS last FROM s
	), labels AS (
		SELECT CAST(unnest(generate_series(date_trunc('month', mind) + INTERVAL 1 MONTH,
		                                   CAST(last AS TIMESTAMP), INTERVAL 1 MONTH)) AS DATE) AS b
		FROM lim
		UNION SELECT last FROM lim
	), models AS (
		SELECT model, arg_max(org, d) AS org FROM s GROUP BY model
	), grid AS (
		SELECT model, org, b FROM models CROSS JOIN labels
	), carried AS (
		SELECT grid.org, grid.b, coalesce(s.v, 0) AS v
		FROM grid ASOF LEFT JOIN s ON grid.model = s.model AND grid.b > s.d
	)
	SELECT strftime(b, '%Y-%m-%d') AS period, org, sum(v)::UBIGINT AS downloads_cum
	FROM carried GROUP BY b, org ORDER BY b, org`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
let out = [];

if (job === 'version') {
	out.push((await con.runAndReadAll('SELECT version()')).getRows()[0][0]);
} else if (job === 'parse') {
	const [date, format] = rest;
	await con.run(parseSql(date, format));
} else if (job === 'quartiles') {
	const rows = (await con.runAndReadAll(quartilesSql(file))).getRows();
	for (const r of rows)
		out.push(r.join(' '));
} else if (job === 'monthly') {
	const rows = (await con.runAndReadAll(monthlySql(file))).getRows();
	out.push('#period\torg\tdownloads_cum');
	for (const r of rows)
		out.push(r.join('\t'));
} else {
	console.error('usage: duckdb_jobs.mjs parse FILE DATE FORMAT | quartiles FILE | monthly FILE');
	process.exit(2);
}
if (out.length)
	process.stdout.write(out.join('\n') + '\n');
