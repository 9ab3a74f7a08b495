"""The whole hfsnap pipeline in pandas, for the benchmark:
iqr-filter | bucketize | regionize | cummulate -g region -p month
on a series as hfsnap-gen writes it (#model date downloads created params),
written the way a pandas user would, vectorised.  Prints cummulate's table."""
import sys

import numpy as np
import pandas as pd

REGIONS = {
    "meta-llama": "us", "facebook": "us", "FacebookAI": "us", "google": "us",
    "microsoft": "us", "nvidia": "us", "openai": "us", "allenai": "us",
    "ibm-granite": "us", "ibm-research": "us", "Snowflake": "us",
    "ai21labs": "us", "Qwen": "china", "Alibaba-NLP": "china",
    "deepseek-ai": "china", "ByteDance": "china", "ByteDance-Seed": "china",
    "baidu": "china", "PaddlePaddle": "china", "internlm": "china",
    "THUDM": "china", "zai-org": "china", "openbmb": "china",
    "inclusionAI": "china", "Skywork": "china", "tencent": "china",
    "XiaomiMiMo": "china", "moonshotai": "china", "MiniMaxAI": "china",
    "mistralai": "eu", "mistral-community": "eu", "HuggingFaceTB": "eu",
    "HuggingFaceM4": "eu",
}

df = pd.read_csv(sys.argv[1], sep="\t", dtype={"#model": str, "date": str},
                 keep_default_na=False, na_values={"downloads": [""], "params": [""]})
df = df.rename(columns={"#model": "model"})
day = (pd.to_datetime(df["date"]) - pd.Timestamp("1970-01-01")).dt.days

# iqr-filter: per-day rates of increments, negatives set to 0, Tukey fence.
g = df.groupby("model", sort=False)
inc = g["downloads"].diff().clip(lower=0)
gap = day.groupby(df["model"], sort=False).diff()
rate = inc / gap
q = rate.groupby(df["model"], sort=False).quantile([0.25, 0.5, 0.75]).unstack()
n = rate.groupby(df["model"], sort=False).count()
q1, med, q3 = (df["model"].map(q[c]) for c in (0.25, 0.5, 0.75))
fence = q3 + 1.5 * (q3 - q1)
spike = (rate > fence) & (df["model"].map(n) >= 4)
x = med * gap
repl = np.sign(x) * np.floor(np.abs(x) + 0.5)
newinc = inc.where(~spike, repl)
first = g["downloads"].transform("first")
filtered = first + newinc.fillna(0).groupby(df["model"], sort=False).cumsum()
keep = df["model"].map(n) < 4
df["downloads"] = filtered.where(~keep, df["downloads"])

# bucketize from params, regionize from the namespace.
size = df["params"] / 1e9
df["bucket"] = pd.cut(size.where(size > 0), [0, 1, 5, 10, 50, 100, 250, np.inf], right=False,
                      labels=["<1B", "1-5B", "7-9B", "10-50B", "50-100B", "100-250B", "250B+"])
df["region"] = df["model"].str.split("/").str[0].map(REGIONS).fillna("")

# cummulate -g region -p month: each model's last value before each month.
d = pd.to_datetime(df["date"])
df["boundary"] = d.dt.year * 12 + d.dt.month          # index of the next month's start
last = df.groupby(["model", "boundary"], sort=False)["downloads"].last().unstack()
first_b = int(df["boundary"].min())
dmax = (pd.to_datetime(df["date"]).max() + pd.Timedelta(days=1))
last_b = dmax.year * 12 + dmax.month - 1
cols = range(first_b, last_b + 1)
wide = last.reindex(columns=range(first_b, int(df["boundary"].max()) + 1)).ffill(axis=1).fillna(0)
wide = wide.reindex(columns=cols)
region = df.groupby("model", sort=False)["region"].last()
sums = wide.groupby(region).sum()
print("#period\tregion\tdownloads")
for b in cols:
    for r in sorted(sums.index):
        print("%04d-%02d-01\t%s\t%d" % (b // 12, b % 12 + 1, r, sums.at[r, b]))
