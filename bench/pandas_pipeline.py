"""The whole hfsnap pipeline in pandas, for the benchmark:
iqr-filter -w 0 | bucketize | regionize | cummulate -g region -p month
on a series as hfsnap-gen writes it (#model date downloads created params),
written the way a pandas user would, vectorised.  Prints cummulate's table.

iqr-filter -w 0 is the whole-series fence of iqr-filter(1): per model, the
per-day rates of the increments (a fall counts as 0), the quartiles of
them all (type 7, pandas' default), a spike above Q3 + 5 IQR (the IQR at
least 1), an increment after a run of increments of 0 tested over the run
and itself, a spike's increment replaced by the median rate times its
days, a fall right after a spike read as the spike's glitch ending, other
falls set to 0 in a model with a spike, and the series re-accumulated."""
import sys

import numpy as np
import pandas as pd

FACTOR = 5

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
model = df["model"]
first_row = model.ne(model.shift())

# iqr-filter -w 0: the steps between a model's consecutive rows.
v = df["downloads"].astype("int64")
diff = v.diff().where(~first_row)
gap = day.diff().where(~first_row)
negative = diff < 0
count = diff.clip(lower=0)
rate = count / gap
# An increment after a run of increments of 0 is tested over the run's days
# and its own.  Segments: each starts at a model's first row or at a step
# that is not 0 (a fall or a rise), and holds the 0s after it; a rise's run
# is the segment before its own.
zero = (count == 0) & ~negative
seg = (~zero | first_row).cumsum()
zsum = gap.where(zero, 0).groupby(seg).sum()
flat_before = (seg - 1).map(zsum).fillna(0)
test_days = gap + flat_before.where(count > 0, 0)
test = count / test_days

g = rate.groupby(model, sort=False)
q = g.quantile([0.25, 0.5, 0.75]).unstack()
n = g.count()
q1, med, q3 = (model.map(q[c]) for c in (0.25, 0.5, 0.75))
fence = q3 + FACTOR * np.maximum(q3 - q1, 1)
spike = (test > fence) & (model.map(n) >= 4) & ~first_row
has_spike = spike.groupby(model, sort=False).transform("any")

x = med * test_days
inc = count.copy()
inc[spike] = np.floor(x[spike] + 0.5)
# A fall right after a spike: the count goes back to its own value, less
# what was taken off before the spike.
prev_spike = spike.shift(fill_value=False) & ~first_row
v_before = v.shift(2)
glitch = negative & prev_spike
back = (v - v_before - inc.shift()).clip(lower=0).where(v >= v_before, 0)
inc[glitch] = back[glitch]
filtered = v.groupby(model, sort=False).transform("first") + inc.fillna(0).groupby(model, sort=False).cumsum()
df["downloads"] = filtered.where(has_spike, v).astype("int64")

# bucketize from params, regionize from the namespace.
size = df["params"] / 1e9
df["bucket"] = pd.cut(size.where(size > 0), [0, 1, 5, 10, 50, 100, 250, np.inf], right=False,
                      labels=["<1B", "1-5B", "7-9B", "10-50B", "50-100B", "100-250B", "250B+"])
df["region"] = model.str.split("/").str[0].map(REGIONS).fillna("unknown")

# cummulate -g region -p month: each model's last value before each month
# boundary, carried forward, and a last row the day after the last date.
d = pd.to_datetime(df["date"])
df["boundary"] = d.dt.year * 12 + d.dt.month          # index of the next month's start
last = df.groupby(["model", "boundary"], sort=False)["downloads"].last().unstack()
first_b = int(df["boundary"].min())
end = d.max() + pd.Timedelta(days=1)                   # the day after the last
last_b = end.year * 12 + end.month - 1                 # the last boundary not after it
wide = last.reindex(columns=range(first_b, int(df["boundary"].max()) + 1)).ffill(axis=1).fillna(0)
region = df.groupby("model", sort=False)["region"].last()
sums = wide.groupby(region).sum()
labels = [("%04d-%02d-01" % (b // 12, b % 12 + 1), b) for b in range(first_b, last_b + 1)]
if end.day != 1:
    labels.append((end.strftime("%Y-%m-%d"), int(df["boundary"].max())))
print("#period\tregion\tdownloads_cum")
for label, b in labels:
    for r in sorted(sums.index):
        print("%s\t%s\t%d" % (label, r, sums.at[r, b]))
