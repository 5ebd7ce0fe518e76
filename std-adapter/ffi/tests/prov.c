/*
 * Prov av C-biblioteket från ett C-program, byggt med systemets C-kompilator mot den
 * genererade rubrikfilen och det statiska biblioteket (.ci/run, steget ffi).
 *
 *     prov REGLER DATUM TABELL.bin [ÄRENDE.json FÖRVÄNTAT.json]...
 *
 * Varje ärende prövas och svaret jämförs byte för byte med det `riktlinjer eval --format json`
 * skrev. Sedan: samma handtag från åtta trådar samtidigt, en panik inne i biblioteket som blir
 * en statuskod, postcard-vägen i anroparens buffertar, en regeltabell ur minnet, och fel som
 * blir statuskoder med meddelanden på svenska.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riktlinjer.h"

/* Finns bara i ett bygge med funktionen panic-probe; står därför inte i rubrikfilen. */
RiktlinjerStatus riktlinjer_panic_probe(void);

static int n_passed = 0;
static int n_failed = 0;

static void check(int ok, const char *what) {
    if (ok) {
        n_passed++;
    } else {
        n_failed++;
        fprintf(stderr, "FEL: %s (senaste fel: %s)\n", what, riktlinjer_last_error());
    }
}

static char *read_file(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "%s: kunde inte öppnas\n", path);
        exit(2);
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "%s: kunde inte läsas\n", path);
        exit(2);
    }
    text[size] = '\0';
    fclose(file);
    *len = (size_t)size;
    return text;
}

struct job {
    const RiktlinjerTables *tables;
    const char *as_of;
    const char *case_json;
    size_t case_len;
    const char *expected;
    size_t expected_len;
    int n_equal;
};

static void *evaluate_many(void *argument) {
    struct job *job = argument;
    for (int round = 0; round < 50; round++) {
        char *answer = NULL;
        size_t answer_len = 0;
        RiktlinjerStatus status =
            riktlinjer_evaluate_json(job->tables, (const uint8_t *)job->case_json, job->case_len,
                                     job->as_of, NULL, &answer, &answer_len);
        if (status == RIKTLINJER_STATUS_OK && answer_len == job->expected_len &&
            memcmp(answer, job->expected, answer_len) == 0) {
            job->n_equal++;
        }
        riktlinjer_string_free(answer);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4 || (argc - 4) % 2 != 0) {
        fprintf(stderr, "användning: prov REGLER DATUM TABELL.bin [ÄRENDE.json FÖRVÄNTAT.json]...\n");
        return 2;
    }
    const char *rules = argv[1];
    const char *as_of = argv[2];

    RiktlinjerTables *tables = NULL;
    check(riktlinjer_load_path(rules, &tables) == RIKTLINJER_STATUS_OK, "riktlinjen läses in");
    if (!tables) {
        return 1;
    }

    /* Varje ärende: svaret är CLI:ns, byte för byte. */
    for (int arg = 4; arg < argc; arg += 2) {
        size_t case_len = 0, expected_len = 0;
        char *case_json = read_file(argv[arg], &case_len);
        char *expected = read_file(argv[arg + 1], &expected_len);
        char *answer = NULL;
        size_t answer_len = 0;
        RiktlinjerStatus status = riktlinjer_evaluate_json(
            tables, (const uint8_t *)case_json, case_len, as_of, NULL, &answer, &answer_len);
        check(status == RIKTLINJER_STATUS_OK, argv[arg]);
        check(answer && answer_len == expected_len && memcmp(answer, expected, expected_len) == 0,
              "svaret är detsamma som riktlinjer eval --format json");
        riktlinjer_string_free(answer);

        /* Postcard-vägen: ärendet i en buffert, prövningen i en annan, båda anroparens. */
        uint8_t case_bytes[8192];
        uint8_t evaluation[32768];
        size_t n_case = 0, n_evaluation = 0;
        check(riktlinjer_case_to_postcard(tables, (const uint8_t *)case_json, case_len, as_of,
                                          NULL, case_bytes, sizeof case_bytes,
                                          &n_case) == RIKTLINJER_STATUS_OK,
              "ärendet blir postcard");
        check(riktlinjer_evaluate_postcard(tables, case_bytes, n_case, as_of, NULL, evaluation,
                                           1, &n_evaluation) == RIKTLINJER_STATUS_BUFFER_TOO_SMALL,
              "en för liten buffert ger statuskoden och storleken som behövs");
        size_t needed = n_evaluation;
        check(needed > 1 && needed <= sizeof evaluation, "storleken som behövs");
        check(riktlinjer_evaluate_postcard(tables, case_bytes, n_case, as_of, NULL, evaluation,
                                           sizeof evaluation,
                                           &n_evaluation) == RIKTLINJER_STATUS_OK &&
                  n_evaluation == needed,
              "prövningen i postcard");

        /* Samma handtag från åtta trådar samtidigt. */
        if (arg == 4) {
            pthread_t threads[8];
            struct job jobs[8];
            for (int i = 0; i < 8; i++) {
                jobs[i] = (struct job){tables, as_of, case_json, case_len, expected, expected_len, 0};
                pthread_create(&threads[i], NULL, evaluate_many, &jobs[i]);
            }
            int n_equal = 0;
            for (int i = 0; i < 8; i++) {
                pthread_join(threads[i], NULL);
                n_equal += jobs[i].n_equal;
            }
            check(n_equal == 8 * 50, "400 prövningar i åtta trådar gav samma svar");
        }
        free(case_json);
        free(expected);
    }

    /* En panik inne i biblioteket blir en statuskod, och biblioteket går att använda sedan. */
    check(riktlinjer_panic_probe() == RIKTLINJER_STATUS_PANIC, "en panik blir RIKTLINJER_STATUS_PANIC");
    check(strstr(riktlinjer_last_error(), "internt fel") != NULL, "panikens meddelande är svenskt");

    /* Fel blir statuskoder med meddelanden som pekar ut platsen. */
    const char *bad = "{\"schema_version\": 1, \"person\": {\"fodelsedatum\": \"19410512-1248\"}}";
    char *answer = NULL;
    size_t answer_len = 0;
    check(riktlinjer_evaluate_json(tables, (const uint8_t *)bad, strlen(bad), as_of, NULL, &answer,
                                   &answer_len) == RIKTLINJER_STATUS_INVALID_CASE,
          "ett felaktigt ärende");
    check(strstr(riktlinjer_last_error(), "/person/fodelsedatum") != NULL, "felet pekar ut fältet");
    check(strstr(riktlinjer_last_error(), "1248") == NULL, "felet upprepar inte värdet");
    check(answer == NULL, "inget svar vid fel");
    check(riktlinjer_evaluate_json(tables, NULL, 5, as_of, NULL, &answer, &answer_len) ==
              RIKTLINJER_STATUS_NULL_POINTER,
          "en nollpekare");
    check(riktlinjer_evaluate_json(tables, (const uint8_t *)"{}", 2, "2026-13-01", NULL, &answer,
                                   &answer_len) == RIKTLINJER_STATUS_INVALID_DATE,
          "ett datum som inte finns");
    check(strcmp(riktlinjer_status_message(RIKTLINJER_STATUS_INVALID_CASE), "ärendet är inte giltigt") == 0,
          "statuskodens meddelande");
    riktlinjer_tables_free(tables);

    /* En regeltabell ur minnet, och en skadad tabell. */
    size_t table_len = 0;
    char *table = read_file(argv[3], &table_len);
    RiktlinjerTables *from_bytes = NULL;
    check(riktlinjer_load_table((const uint8_t *)table, table_len - 1, &from_bytes) ==
              RIKTLINJER_STATUS_INVALID_TABLE,
          "en avkortad tabell avvisas");
    check(from_bytes == NULL, "inget handtag för en avvisad tabell");
    check(riktlinjer_load_table((const uint8_t *)table, table_len, &from_bytes) == RIKTLINJER_STATUS_OK,
          "tabellen läses ur minnet");
    riktlinjer_tables_free(from_bytes);
    free(table);

    printf("riktlinjer_ffi %s från C\n", riktlinjer_version());
    printf("c: %d passed, %d failed\n", n_passed, n_failed);
    return n_failed == 0 ? 0 : 1;
}
