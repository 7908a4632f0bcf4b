# Sourced by the dedupe tests: gen_articles N SEED [WORDS] writes N distinct synthetic
# articles (random words from a 5000-word vocabulary, ids a-SEED-I, one minute apart).
gen_articles() {
    awk -v n="$1" -v seed="$2" -v words="${3:-200}" 'BEGIN {
        srand(seed);
        for (i = 0; i < n; i++) {
            b = "";
            for (w = 0; w < words; w++) b = b (w ? " " : "") "w" int(rand() * 5000);
            printf "{\"id\":\"a-%s-%d\",\"published\":\"2023-07-12T%02d:%02d:00Z\",\"body\":\"%s.\"}\n",
                seed, i, int(i / 60) % 24, i % 60, b;
        }
    }'
}
