# Markdown table of one bench-api run: jq -rs --arg run RUN -f bench/table.jq api-results.jsonl
[ .[] | select(.run == $run) ] as $r
| ($r | map(select(.target == "neo4j-graphql")) | INDEX(.query)) as $peer
| def ratio(a; b): if b > 0 then (a / b * 100 | round / 100 | tostring) else "-" end;
"| target | query | rps | p50 ms | p95 ms | p99 ms | errors | p50 ours/peer | p99 ours/peer | rps ours/peer |",
"|---|---|---|---|---|---|---|---|---|---|",
($r | sort_by(.target, .query)[] | . as $x | ($peer[$x.query] // null) as $p
  | "| \($x.target) | \($x.query) | \($x.rps * 10 | round / 10) | \($x.p50_ms * 10 | round / 10) | \($x.p95_ms * 10 | round / 10) | \($x.p99_ms * 10 | round / 10) | \($x.errors) | "
    + (if $p and $x.target != "neo4j-graphql" then "\(ratio($x.p50_ms; $p.p50_ms)) | \(ratio($x.p99_ms; $p.p99_ms)) | \(ratio($x.rps; $p.rps)) |" else "- | - | - |" end))
