# hfsnap: build, test, install.
#
#   make                 build every tool into bin/
#   make demo            build, then run the sample pipeline in examples/
#   make check           unit tests (C) and the Bats suites
#   make bench           side-by-side benchmarks against jq, simdjson, DuckDB, datamash, awk
#   make mutate MUTANTS=40 SEED=1   mutation testing: which changes the
#                        tests let through
#   make valgrind        every tool under valgrind: no errors, no leaks
#   make install PREFIX=/usr/local DESTDIR=
#   make SANITIZE=1 check   the same, built with ASan and UBSan
#   make fuzz FUZZ_SECONDS=60   libFuzzer on the JSON, TSV, table and number
#                        readers (needs clang), each for that long

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Ilib

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
O        = build/san
BIN      = bin/san
else
O        = build
BIN      = bin
endif

TOOLS    = hfsnap-parse iqr-filter bucketize regionize cummulate ram
SCRIPTS  = hfsnap-fetch
HELPERS  = hfsnap-gen hfsnap-season json-check spike-audit
LIBSRC   = $(wildcard lib/*.c)
LIBOBJ   = $(LIBSRC:lib/%.c=$(O)/lib/%.o)
LIBA     = $(O)/libhfsnap.a
UNITS    = $(patsubst tests/unit/%.c,$(O)/unit/%,$(wildcard tests/unit/*_test.c))

all: $(TOOLS:%=$(BIN)/%) $(SCRIPTS:%=$(BIN)/%) $(HELPERS:%=$(BIN)/%)

# Scripts are POSIX sh: copied, made executable.
$(BIN)/%: cmd/%.sh
	@mkdir -p $(@D)
	cp $< $@ && chmod 755 $@

$(O)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(BIN)/%: cmd/%.c $(LIBA) lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) -lm

$(BIN)/%: tests/gen/%.c $(LIBA) lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) -lm

$(BIN)/%: examples/gen/%.c examples/gen/*.h $(LIBA) lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) -lm

$(BIN)/%: examples/audit/%.c $(LIBA) lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) -lm

$(O)/unit/%: tests/unit/%.c tests/unit/unit.h $(LIBA) lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) -lm

check: all $(UNITS)
	BIN=$(CURDIR)/$(BIN) UNITS="$(UNITS)" tests/run

demo: all
	$(MAKE) -C examples BIN=$(CURDIR)/$(BIN) demo

valgrind: all
	BIN=$(CURDIR)/$(BIN) tests/valgrind.sh

bench: all
	BIN=$(CURDIR)/$(BIN) bench/run

# Mutation testing: MUTANTS operators or constants of cmd/ and lib/ changed
# one at a time (a sample fixed by SEED), each rebuilt and tested; lists
# the mutants the tests let through.  See tests/mutate.sh.
MUTANTS ?= 40
SEED    ?= 1
mutate:
	MUTANTS=$(MUTANTS) SEED=$(SEED) tests/mutate.sh

FUZZERS      = json jsonscan parse tsv table num
# A harness brings its own err_exit (tests/fuzz/fuzz.h), in place of the
# library's.
FUZZSRC      = $(filter-out lib/err_exit.c,$(LIBSRC))
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS    = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

build/fuzz/%_fuzz: tests/fuzz/%_fuzz.c tests/fuzz/fuzz.h $(FUZZSRC) lib/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -D_GNU_SOURCE $(FUZZ_FLAGS) -o $@ $< $(FUZZSRC) -lm

# The parse harness runs hfsnap-parse's own main.
build/fuzz/parse_fuzz: tests/fuzz/parse_fuzz.c tests/fuzz/fuzz.h cmd/hfsnap-parse.c $(FUZZSRC) lib/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -D_GNU_SOURCE $(FUZZ_FLAGS) -Dmain=hfsnap_parse_main \
		-o $@ $< cmd/hfsnap-parse.c $(FUZZSRC) -lm

# Each harness runs FUZZ_SECONDS on a working corpus seeded from the one in
# tests/fuzz/corpus; inputs that crash are saved as build/fuzz/crash-*.
# -close_fd_mask=2: the tools' own messages, one per bad input, stay out of
# the log.
fuzz: $(FUZZERS:%=build/fuzz/%_fuzz)
	@for f in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus-$$f; \
		echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
		build/fuzz/$${f}_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-artifact_prefix=build/fuzz/crash-$$f- -print_final_stats=1 -close_fd_mask=2 \
			build/fuzz/corpus-$$f tests/fuzz/corpus/$$f >build/fuzz/$$f.log 2>&1; \
		status=$$?; \
		grep -E '^stat::(number_of_executed_units|peak_rss_mb)|DONE|ERROR|SUMMARY' build/fuzz/$$f.log | sed 's/^/  /'; \
		[ $$status -eq 0 ] || { echo "fuzz: $$f failed; see build/fuzz/$$f.log"; exit 1; }; \
	done

# Line coverage of lib/ reached by the fuzzers' corpora (after make fuzz).
build/fuzz/%_cov: tests/fuzz/%_fuzz.c tests/fuzz/fuzz.h $(FUZZSRC) lib/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer \
		-fprofile-instr-generate -fcoverage-mapping -o $@ $< $(FUZZSRC) -lm

build/fuzz/parse_cov: tests/fuzz/parse_fuzz.c tests/fuzz/fuzz.h cmd/hfsnap-parse.c $(FUZZSRC) lib/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer -Dmain=hfsnap_parse_main \
		-fprofile-instr-generate -fcoverage-mapping -o $@ $< cmd/hfsnap-parse.c $(FUZZSRC) -lm

fuzz-coverage: $(FUZZERS:%=build/fuzz/%_cov)
	@for f in $(FUZZERS); do \
		case $$f in json) src=lib/json.c;; jsonscan) src="lib/json.c lib/jsonscan.c";; parse) src="cmd/hfsnap-parse.c lib/hubmodel.c lib/snapdate.c";; tsv) src="lib/tsv.c lib/group.c";; \
		table) src=lib/table.c;; num) src="lib/num.c lib/date.c";; esac; \
		mkdir -p build/fuzz/corpus-$$f; \
		LLVM_PROFILE_FILE=build/fuzz/$$f.profraw build/fuzz/$${f}_cov -runs=0 \
			build/fuzz/corpus-$$f tests/fuzz/corpus/$$f >/dev/null 2>&1; \
		llvm-profdata merge -o build/fuzz/$$f.profdata build/fuzz/$$f.profraw; \
		llvm-cov report build/fuzz/$${f}_cov -instr-profile=build/fuzz/$$f.profdata $$src | \
			awk -v f=$$f '$$1 ~ /\.c$$/ { n = split($$1, p, "/"); \
				printf "%-6s %-12s lines %5s  covered %7s  branches covered %7s\n", f, p[n], $$8, $$10, $$13 }'; \
	done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	for t in $(TOOLS) $(SCRIPTS); do cp $(BIN)/$$t $(DESTDIR)$(BINDIR)/$$t; done
	for t in $(TOOLS) $(SCRIPTS); do cp man/man1/$$t.1 $(DESTDIR)$(MANDIR)/man1/$$t.1; done
	cp man/man7/hfsnap.7 $(DESTDIR)$(MANDIR)/man7/hfsnap.7

uninstall:
	for t in $(TOOLS) $(SCRIPTS); do rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1; done
	rm -f $(DESTDIR)$(MANDIR)/man7/hfsnap.7

clean:
	rm -rf build bin examples/out

.PHONY: all demo check bench mutate fuzz fuzz-coverage valgrind install uninstall clean
.SECONDARY: $(LIBOBJ)
