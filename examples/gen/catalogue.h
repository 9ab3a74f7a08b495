/* The tracked models of the sample season: the ATOM Report's Appendix B
 * top 10 of every size bucket (counts as the report gives them, late March
 * 2026) and the recent releases its RAM case studies follow, with their
 * real Hub ids and (approximately) real release dates.
 *
 * size: total parameters in billions.  table: the name gives no size (or
 * the Hub's count is off), so the size goes in the registry-shaped table.
 * release: the launch (the Hub's createdAt may be earlier: see early[]).
 * latest: downloads as of late March 2026 (the report's counts), in
 * thousands; the season shows the part of the curve up to its last day. */
struct tracked {
	const char *id;
	double size;
	const char *release;
	double latest;
	int table;
};

static const struct tracked catalogue[] = {
	/* <1B */
	{ "Qwen/Qwen3-0.6B", 0.6, "2025-04-29", 72800, 0 },
	{ "Qwen/Qwen2.5-0.5B-Instruct", 0.5, "2024-09-16", 32300, 0 },
	{ "microsoft/Florence-2-large", 0.8, "2024-06-15", 19400, 1 },
	{ "google/t5gemma-b-b-prefixlm", 0.6, "2025-07-09", 17500, 1 },
	{ "Qwen/Qwen2.5-0.5B", 0.5, "2024-09-16", 17100, 0 },
	{ "Qwen/Qwen2.5-Coder-0.5B-Instruct", 0.5, "2024-11-08", 13500, 0 },
	{ "Qwen/Qwen2-0.5B", 0.5, "2024-06-03", 10700, 0 },
	{ "HuggingFaceTB/SmolLM2-135M", 0.135, "2024-10-31", 10500, 0 },
	{ "microsoft/Florence-2-base", 0.2, "2024-06-15", 8800, 1 },
	{ "llava-hf/llava-onevision-qwen2-0.5b-ov-hf", 0.9, "2024-08-13", 8400, 1 },
	{ "google/gemma-3-270m", 0.27, "2025-08-14", 1400, 1 },
	/* 1-5B */
	{ "Qwen/Qwen2.5-1.5B-Instruct", 1.5, "2024-09-16", 150600, 0 },
	{ "Qwen/Qwen2.5-VL-3B-Instruct", 3.8, "2025-01-26", 70700, 1 },
	{ "Qwen/Qwen2.5-3B-Instruct", 3.1, "2024-09-16", 70100, 1 },
	{ "meta-llama/Llama-3.2-1B-Instruct", 1.2, "2024-09-18", 55700, 1 },
	{ "meta-llama/Llama-3.2-1B", 1.2, "2024-09-18", 49200, 1 },
	{ "meta-llama/Llama-3.2-3B-Instruct", 3.2, "2024-09-18", 37000, 1 },
	{ "google/gemma-3-1b-it", 1.0, "2025-03-10", 34900, 0 },
	{ "Qwen/Qwen2-VL-2B-Instruct", 2.2, "2024-08-28", 30000, 1 },
	{ "Qwen/Qwen3-4B", 4.0, "2025-04-29", 29700, 0 },
	{ "Qwen/Qwen3-1.7B", 1.7, "2025-04-29", 29200, 0 },
	{ "HuggingFaceTB/SmolLM3-3B", 3.1, "2025-07-08", 2600, 1 },
	{ "Qwen/Qwen3-4B-Instruct-2507", 4.0, "2025-08-06", 3900, 0 },
	/* 7-9B */
	{ "meta-llama/Llama-3.1-8B-Instruct", 8.0, "2024-07-18", 133000, 0 },
	{ "Qwen/Qwen2.5-7B-Instruct", 7.6, "2024-09-16", 109000, 1 },
	{ "mistralai/Mistral-7B-Instruct-v0.2", 7.2, "2023-12-11", 53500, 1 },
	{ "Qwen/Qwen2.5-VL-7B-Instruct", 8.3, "2025-01-26", 51200, 1 },
	{ "Qwen/Qwen3-8B", 8.2, "2025-04-29", 42500, 1 },
	{ "meta-llama/Meta-Llama-3-8B-Instruct", 8.0, "2024-04-17", 38900, 0 },
	{ "meta-llama/Meta-Llama-3-8B", 8.0, "2024-04-17", 36600, 0 },
	{ "meta-llama/Llama-2-7b-chat-hf", 6.7, "2023-07-13", 29200, 1 },
	{ "meta-llama/Llama-2-7b-hf", 6.7, "2023-07-13", 28400, 1 },
	{ "tiiuae/falcon-7b-instruct", 7.2, "2023-04-25", 26700, 1 },
	{ "nvidia/NVIDIA-Nemotron-Nano-9B-v2", 8.9, "2025-08-18", 1900, 1 },
	/* 10-50B */
	{ "openai/gpt-oss-20b", 21.5, "2025-08-05", 54000, 1 },
	{ "Qwen/Qwen2.5-14B-Instruct", 14.8, "2024-09-16", 33300, 1 },
	{ "Qwen/Qwen3-32B", 32.8, "2025-04-29", 24600, 1 },
	{ "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", 32.8, "2025-01-20", 23000, 1 },
	{ "mistralai/Mixtral-8x7B-Instruct-v0.1", 46.7, "2023-12-10", 20000, 1 },
	{ "Qwen/Qwen2.5-32B-Instruct", 32.8, "2024-09-16", 18500, 1 },
	{ "meta-llama/Llama-3.2-11B-Vision-Instruct", 10.6, "2024-09-18", 17600, 1 },
	{ "meta-llama/Llama-2-13b-chat-hf", 13.0, "2023-07-13", 15200, 1 },
	{ "Qwen/Qwen3-VL-30B-A3B-Instruct", 31.1, "2025-09-30", 13200, 1 },
	{ "google/gemma-3-27b-it", 27.0, "2025-03-10", 12300, 0 },
	{ "Qwen/Qwen3-30B-A3B-Instruct-2507", 30.5, "2025-07-29", 6100, 1 },
	{ "ByteDance-Seed/Seed-OSS-36B-Instruct", 36.2, "2025-08-20", 900, 1 },
	{ "mistralai/Magistral-Small-2509", 24.0, "2025-09-17", 700, 1 },
	{ "ibm-granite/granite-4.0-h-small", 32.2, "2025-10-02", 400, 1 },
	/* 50-100B */
	{ "meta-llama/Llama-3.1-70B-Instruct", 70.6, "2024-07-18", 20200, 1 },
	{ "Qwen/Qwen3-Next-80B-A3B-Instruct", 81.3, "2025-09-09", 14600, 1 },
	{ "meta-llama/Llama-3.3-70B-Instruct", 70.6, "2024-12-06", 10300, 1 },
	{ "OpenGVLab/InternVL3-78B", 78.4, "2025-04-10", 6200, 1 },
	{ "meta-llama/Meta-Llama-3-70B-Instruct", 70.6, "2024-04-17", 5900, 1 },
	{ "Qwen/Qwen2.5-VL-72B-Instruct", 73.4, "2025-01-26", 5700, 1 },
	{ "Qwen/Qwen2.5-72B-Instruct", 72.7, "2024-09-16", 5400, 1 },
	{ "meta-llama/Llama-2-70b-chat-hf", 69.0, "2023-07-13", 4600, 1 },
	{ "deepseek-ai/DeepSeek-R1-Distill-Llama-70B", 70.6, "2025-01-20", 4300, 1 },
	{ "meta-llama/Meta-Llama-3-70B", 70.6, "2024-04-17", 3200, 1 },
	/* 100-250B */
	{ "openai/gpt-oss-120b", 120.4, "2025-08-05", 29200, 1 },
	{ "mistralai/Mixtral-8x22B-Instruct-v0.1", 140.6, "2024-04-17", 6000, 1 },
	{ "mistralai/Mistral-Large-Instruct-2407", 123.0, "2024-07-24", 5000, 1 },
	{ "mistralai/Mistral-Large-Instruct-2411", 123.0, "2024-11-18", 4900, 1 },
	{ "mistralai/Mixtral-8x22B-v0.1", 140.6, "2024-04-17", 4800, 1 },
	{ "OpenGVLab/InternVL3_5-241B-A28B-Instruct", 241.0, "2025-08-25", 4100, 0 },
	{ "Qwen/Qwen3-235B-A22B", 235.0, "2025-04-29", 3400, 0 },
	{ "Qwen/Qwen3-VL-235B-A22B-Thinking", 235.0, "2025-09-23", 3300, 0 },
	{ "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8", 235.0, "2025-07-21", 2700, 0 },
	{ "MiniMaxAI/MiniMax-M2", 230.0, "2025-10-27", 1900, 1 },
	/* 250B+ */
	{ "meta-llama/Llama-3.1-405B", 405.0, "2024-07-18", 20300, 0 },
	{ "deepseek-ai/DeepSeek-R1", 671.0, "2025-01-20", 16700, 1 },
	{ "deepseek-ai/DeepSeek-V3", 671.0, "2024-12-26", 14300, 1 },
	{ "deepseek-ai/DeepSeek-R1-0528", 671.0, "2025-05-28", 5900, 1 },
	{ "deepseek-ai/DeepSeek-V3-0324", 671.0, "2025-03-24", 4000, 1 },
	{ "meta-llama/Llama-3.1-405B-Instruct", 405.0, "2024-07-18", 3400, 0 },
	{ "moonshotai/Kimi-K2-Instruct", 1000.0, "2025-07-11", 1800, 1 },
	{ "zai-org/GLM-4.5", 355.0, "2025-07-28", 1500, 1 },
	{ "deepseek-ai/DeepSeek-V3.1", 671.0, "2025-08-21", 1300, 1 },
	{ "Qwen/Qwen3-Coder-480B-A35B-Instruct", 480.0, "2025-07-22", 1200, 0 },
	{ "zai-org/GLM-4.6", 357.0, "2025-09-30", 800, 1 },
	/* Renamed during the season (see renamed[]): tracked, and listed here,
	 * under its final name. */
	{ "zai-org/glm-4-9b-chat", 9.4, "2024-06-04", 2300, 0 },
	/* Appended, so no other model's draws move: the sixth small Qwen3 of
	 * the report's Figure 11, and the newer US entrants of Figure 13. */
	{ "Qwen/Qwen3-4B-Thinking-2507", 4.0, "2025-08-06", 2400, 0 },
	{ "arcee-ai/AFM-4.5B", 4.5, "2025-07-29", 300, 0 },
	{ "allenai/OLMo-2-0325-32B-Instruct", 32.2, "2025-03-13", 1100, 0 },
	{ "ai21labs/AI21-Jamba-Mini-1.7", 51.6, "2025-07-02", 500, 1 },
	{ "ibm-granite/granite-3.3-8b-instruct", 8.2, "2025-04-16", 2100, 0 },
	{ "nvidia/OpenReasoning-Nemotron-7B", 7.6, "2025-07-16", 900, 0 },
};

/* Repositories moved to a new namespace during the season, as Zhipu's
 * moved from THUDM to zai-org in 2025: the listing shows the old id before
 * the rename and the new one from it on, with the same _id and one
 * continuous count.  The tracked list knows only the new (final) id. */
static const char *const renamed[][2] = {
	{ "THUDM/glm-4-9b-chat", "zai-org/glm-4-9b-chat" },
};

/* Release dates the Hub gets wrong: the repository was created before the
 * launch, as the registry's release_date_corrections.csv records. */
static const char *const early[][3] = {
	{ "openai/gpt-oss-120b", "2025-08-04", "2025-08-05" },
	{ "openai/gpt-oss-20b", "2025-08-04", "2025-08-05" },
	{ "moonshotai/Kimi-K2-Instruct", "2025-07-09", "2025-07-11" },
};

/* Families for the rest of the tracked list: smaller releases of the same
 * organisations, so every bucket has more than its top 10. */
struct family {
	const char *org, *name;
	double sizes[6];
};

static const struct family families[] = {
	{ "Qwen", "Qwen2.5-Coder", { 1.5, 3, 7, 14, 32, 0 } },
	{ "Qwen", "Qwen2.5-Math", { 1.5, 7, 72, 0 } },
	{ "Qwen", "Qwen3", { 14, 0 } },
	{ "Qwen", "Qwen2", { 1.5, 7, 72, 0 } },
	{ "meta-llama", "Llama-Guard-3", { 1, 8, 0 } },
	{ "meta-llama", "CodeLlama", { 7, 13, 34, 70, 0 } },
	{ "deepseek-ai", "DeepSeek-R1-Distill-Qwen", { 1.5, 7, 14, 0 } },
	{ "deepseek-ai", "deepseek-coder", { 1.3, 6.7, 33, 0 } },
	{ "mistralai", "Mistral-Small-24B", { 24, 0 } },
	{ "mistralai", "Ministral", { 8, 0 } },
	{ "google", "gemma-2", { 2, 9, 27, 0 } },
	{ "google", "gemma-3", { 4, 12, 0 } },
	{ "microsoft", "Phi-3.5-mini", { 3.8, 0 } },
	{ "microsoft", "phi-4", { 14, 0 } },
	{ "nvidia", "Llama-3.1-Nemotron", { 8, 51, 70, 253, 0 } },
	{ "allenai", "OLMo-2-1124", { 7, 13, 0 } },
	{ "allenai", "Llama-3.1-Tulu-3", { 8, 70, 405, 0 } },
	{ "ibm-granite", "granite-3.3", { 2, 8, 0 } },
	{ "HuggingFaceTB", "SmolLM2", { 0.36, 1.7, 0 } },
	{ "internlm", "internlm3", { 8, 0 } },
	{ "THUDM", "glm-4", { 9, 0 } },
	{ "zai-org", "GLM-4.1V", { 9, 0 } },
	{ "openbmb", "MiniCPM4", { 0.5, 8, 0 } },
	{ "tencent", "Hunyuan", { 0.5, 1.8, 4, 7, 0 } },
	{ "baidu", "ERNIE-4.5", { 0.3, 21, 300, 0 } },
	{ "moonshotai", "Moonlight", { 16, 0 } },
	{ "MiniMaxAI", "MiniMax-Text", { 456, 0 } },
	{ "Skywork", "Skywork-OR1", { 7, 32, 0 } },
	{ "inclusionAI", "Ling", { 16.8, 100, 0 } },
	{ "XiaomiMiMo", "MiMo", { 7, 0 } },
	{ "ByteDance-Seed", "Seed-Coder", { 8, 0 } },
	{ "Snowflake", "snowflake-arctic", { 480, 0 } },
	{ "ai21labs", "AI21-Jamba", { 52, 398, 0 } },
	{ "facebook", "opt", { 0.125, 1.3, 6.7, 30, 0 } },
};
