# The jq oracle for hfsnap-parse's default columns, written from hfsnap-parse(1)
# independently of the C code.  Use: jq -r --arg date D -f hfsnap-parse.jq
def cell: if . == null then "" else tostring end;
# base_model tags as {rel, id}: "base_model:ORG/NAME" or "base_model:REL:ORG/NAME".
def basetags:
  [ (.tags // [])[] | select(startswith("base_model:")) | ltrimstr("base_model:")
    | split(":") | if length > 1 then {rel: .[0], id: (.[1:] | join(":"))}
                   else {rel: null, id: .[0]} end ];
(if type == "array" then .[] else . end)
| (.id // .modelId) as $model
| basetags as $bt
| (if ($bt | length) > 0 then $bt[0].id else .baseModels.models[0].id end) as $base
| ([ $bt[] | select(.id == $base and .rel != null) | .rel ][0]
   // .baseModels.relation) as $rel
| ( if ((.tags // []) | index(["gguf"])) or .gguf != null
       or ([ (.siblings // [])[] | .rfilename | select(endswith(".gguf")) ] | length > 0)
    then "gguf"
    elif .library_name == "mlx" or ((.tags // []) | index(["mlx"]))
       or ($model | startswith("mlx-community/"))
    then "mlx" else "" end ) as $format
| [ $model, $date, (.downloadsAllTime | cell), (.downloads | cell),
    (.likes | cell), (.createdAt | if . == null then "" else .[0:10] end),
    ((.safetensors.total // .gguf.total) | cell),
    (.library_name | cell), (.pipeline_tag | cell),
    ($base | cell), ($rel | cell), $format ]
| @tsv
