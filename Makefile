# newspipe — build, test, install.
#
#   make                 build every program into bin/
#   make check           run the test suite (prove; last line "Result: PASS")
#   make SANITIZE=1 check  the same under AddressSanitizer + UBSan, built in build-asan/
#   make install PREFIX=/usr/local DESTDIR=
#   make deps            install the Debian build dependencies (as root)
#   make lint fuzz bench compile_commands.json
#
# Programs are discovered: filters/NAME.c, or filters/NAME/*.c (main() in main.c) plus the
# offline tools in filters/NAME/dev/*.c (importers, trainers, evaluators), become
# newspipe-NAME; runner/*.c and runner/*/*.c (serve/) become newspipe. Unit tests are
# tests/unit/*.c (linked with the common library) and tests/unit/NAME/*.c (also linked with
# filters/NAME/ minus main.c and given its headers, or for tests/unit/runner/ with runner/
# minus main.c); all of them share tests/unit/tap.h.
# Components add their own targets (model, listings, eval, bench) in mk/*.mk.

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR_INST := $(PREFIX)/bin
DATADIR_INST := $(PREFIX)/share/newspipe
MANDIR_INST := $(PREFIX)/share/man
SHARED ?= $(abspath $(CURDIR)/../shared)

CC ?= cc
CFLAGS ?= -O2 -g
PKGS := yaml-0.1 libuv zlib
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
        -Wformat=2 -Wno-format-nonliteral
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Icommon -MMD -MP \
              -DNP_VERSION='"$(VERSION)"' -DNP_DATADIR='"$(DATADIR_INST)"'
LDLIBS_COMMON := -lz -lm -pthread

ifeq ($(SANITIZE),1)
  OUT := build-asan
  BINDIR := build-asan/bin
  ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer
  LDFLAGS += -fsanitize=address,undefined
else
  OUT := build
  BINDIR := bin
endif
OBJ := $(OUT)/obj

# ---- the common library -------------------------------------------------------------------
COMMON_SRC := $(wildcard common/*.c)
COMMON_OBJ := $(COMMON_SRC:%.c=$(OBJ)/%.o)
LIB := $(OUT)/libnewspipe.a

# ---- programs ----------------------------------------------------------------------------
FILTER_FILES := $(wildcard filters/*.c)
FILTER_DIRS := $(patsubst %/,%,$(filter %/,$(wildcard filters/*/)))
FILTER_NAMES := $(sort $(FILTER_FILES:filters/%.c=%) $(FILTER_DIRS:filters/%=%))
PROGRAMS := $(FILTER_NAMES:%=$(BINDIR)/newspipe-%)
RUNNER_SRC := $(wildcard runner/*.c runner/*/*.c)
ifneq ($(RUNNER_SRC),)
  PROGRAMS += $(BINDIR)/newspipe
endif

# ---- unit tests --------------------------------------------------------------------------
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(OUT)/tests/%.t)
UNIT_DIR_SRC := $(wildcard tests/unit/*/*.c)
UNIT_BINS += $(patsubst %.c,$(OUT)/tests/%.t,$(subst /,__,$(UNIT_DIR_SRC:tests/unit/%=%)))

.PRECIOUS: $(OBJ)/%.o
.PHONY: all demo check install uninstall deps print-deb-pkgs print-lint-pkgs print-fuzz-pkgs lint fuzz bench clean distclean eval
all: $(PROGRAMS)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# filters/NAME.c -> newspipe-NAME
$(BINDIR)/newspipe-%: $(OBJ)/filters/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_COMMON)

# filters/NAME/*.c -> newspipe-NAME
define filter_dir_rule
$(1)_OBJS := $$(patsubst %.c,$(OBJ)/%.o,$$(wildcard filters/$(1)/*.c filters/$(1)/dev/*.c))
$(1)_LIBOBJS := $$(filter-out $(OBJ)/filters/$(1)/main.o,$$($(1)_OBJS))
$(BINDIR)/newspipe-$(1): $$($(1)_OBJS) $(LIB)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LDLIBS_COMMON)
$(OUT)/tests/$(1)__%.t: $(OBJ)/tests/unit/$(1)/%.o $$($(1)_LIBOBJS) $(LIB)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LDLIBS_COMMON)
# its unit tests see the filter's headers and the one tests/unit/tap.h
$(OBJ)/tests/unit/$(1)/%.o: ALL_CFLAGS += -Ifilters/$(1) -Itests/unit
endef
$(foreach d,$(FILTER_DIRS:filters/%=%),$(eval $(call filter_dir_rule,$(d))))

RUNNER_OBJ := $(RUNNER_SRC:%.c=$(OBJ)/%.o)
$(BINDIR)/newspipe: $(RUNNER_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $$(pkg-config --libs yaml-0.1 libuv hiredis) $(LDLIBS_COMMON)
# -iquote runner: runner/serve/*.c include the runner's headers by name, as runner/*.c do.
$(RUNNER_OBJ): ALL_CFLAGS += -iquote runner $(shell pkg-config --cflags yaml-0.1 libuv 2>/dev/null)
# tests/unit/runner/*.c: linked with the runner minus main.c (-iquote: runner/yaml.h must not
# hide libyaml's <yaml.h>).
RUNNER_LIBOBJ := $(filter-out $(OBJ)/runner/main.o,$(RUNNER_OBJ))
$(OUT)/tests/runner__%.t: $(OBJ)/tests/unit/runner/%.o $(RUNNER_LIBOBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $$(pkg-config --libs yaml-0.1 libuv hiredis) $(LDLIBS_COMMON)
$(OBJ)/tests/unit/runner/%.o: ALL_CFLAGS += -iquote runner -iquote tests/unit \
                                           $(shell pkg-config --cflags yaml-0.1 libuv 2>/dev/null)
# The runner needs libuv and libyaml; say so plainly rather than fail on a missing uv.h
# (goals that install or list the dependencies work without them).
ifneq ($(RUNNER_SRC),)
ifneq ($(filter-out deps print-deb-pkgs print-lint-pkgs print-fuzz-pkgs clean distclean lint,$(or $(MAKECMDGOALS),all)),)
ifneq ($(shell pkg-config --exists libuv && echo y),y)
$(error libuv not found by pkg-config: install libuv1-dev (make deps installs it))
endif
ifneq ($(shell pkg-config --exists yaml-0.1 && echo y),y)
$(error libyaml not found by pkg-config: install libyaml-dev (make deps installs it))
endif
ifneq ($(shell pkg-config --exists hiredis && echo y),y)
$(error hiredis not found by pkg-config: install libhiredis-dev (make deps installs it))
endif
endif
endif

$(OUT)/tests/%.t: $(OBJ)/tests/unit/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_COMMON)

# ---- components' own targets (model, listings, eval-*, bench-*) -----------------------------
BENCHES :=
EVALS :=
-include $(sort $(wildcard mk/*.mk))

# ---- tests -------------------------------------------------------------------------------
# Each tests/**/*.t script and each unit test binary prints TAP. Scripts find the programs
# in $NP_BIN, the source tree in $NP_TOP and ../shared in $NP_SHARED (absent: they skip).
TEST_ENV := NP_BIN=$(abspath $(BINDIR)) NP_TOP=$(CURDIR) NP_SHARED=$(SHARED) \
            NP_OUT=$(abspath $(OUT)) NP_SANITIZE=$(SANITIZE) \
            ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
TEST_SCRIPTS = $(sort $(shell find tests -name '*.t' -type f))
check: all $(UNIT_BINS)
	$(TEST_ENV) prove -j2 --timer --exec '' $(UNIT_BINS) $(TEST_SCRIPTS)

# ---- install -------------------------------------------------------------------------------
MAN_PAGES := $(wildcard man/*.1 man/*.5 man/*.7)
DATA_FILES := $(filter-out %.md,$(wildcard data/*))
install: all
	install -d $(DESTDIR)$(BINDIR_INST) $(DESTDIR)$(DATADIR_INST)
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR_INST)/
	$(if $(DATA_FILES),cp -R $(DATA_FILES) $(DESTDIR)$(DATADIR_INST)/)
	for m in $(MAN_PAGES); do \
	  s=$${m##*.}; install -d $(DESTDIR)$(MANDIR_INST)/man$$s; \
	  install -m 644 $$m $(DESTDIR)$(MANDIR_INST)/man$$s/; done

uninstall:
	rm -f $(PROGRAMS:$(BINDIR)/%=$(DESTDIR)$(BINDIR_INST)/%)
	rm -rf $(DESTDIR)$(DATADIR_INST)
	for m in $(MAN_PAGES); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR_INST)/man$$s/$${m#man/}; done

# ---- developer tools -------------------------------------------------------------------------
DEB_PKGS := build-essential pkg-config libyaml-dev libuv1-dev zlib1g-dev perl python3 jq gzip \
            time
# Tools the tests call: ps and pgrep (tests/runner/), curl (serve's metrics in tests/serve/redis.t).
DEB_PKGS += procps curl
# The scale tests (tests/scale/, newspipe-scale(7)): GNU parallel, and sshd for test hosts.
DEB_PKGS += parallel openssh-client openssh-server
# serve's Redis Streams source and sink (README, dependencies): the client library, and the
# server the tests start (tests/serve/redis*.t).
DEB_PKGS += libhiredis-dev redis-server
# `make listings` (the ticker-link table): an English spelling dictionary, SCOWL's
# american-english (mk/ticker-link.mk).
DEB_PKGS += wamerican
# What `make lint` needs (CI installs these too).
LINT_PKGS := clang-format cppcheck
# What `make fuzz` needs: clang and its libFuzzer runtime (only recommended by clang on
# Debian 12, so named). `make deps` installs them; CI does not fuzz.
FUZZ_PKGS := clang libclang-rt-14-dev
print-deb-pkgs:
	@echo $(DEB_PKGS)
print-fuzz-pkgs:
	@echo $(FUZZ_PKGS)
print-lint-pkgs:
	@echo $(LINT_PKGS)
deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS) $(FUZZ_PKGS); \
	else echo "run as root: apt-get install -y $(DEB_PKGS) $(FUZZ_PKGS)"; fi

C_SOURCES = $(shell find common filters runner tests bench -name '*.[ch]' 2>/dev/null)
lint:
	clang-format --dry-run --Werror $(C_SOURCES)
	cppcheck -q --error-exitcode=1 --inline-suppr --std=c11 -D_GNU_SOURCE -Icommon \
	  --enable=warning,performance,portability --suppress=missingIncludeSystem \
	  common filters runner

# One entry per C file, as an argument list (no shell quoting to get wrong).
CC_JSON_ARGS = $(foreach w,$(CC) $(subst ',,$(ALL_CFLAGS)) \
                 $(shell pkg-config --cflags $(PKGS) 2>/dev/null),"$(subst ",\",$(w))",)
.PHONY: compile_commands.json
compile_commands.json:
	@{ echo '['; sep=''; for f in $(C_SOURCES); do case $$f in *.c) \
	  printf '%s{"directory":"%s","file":"%s","arguments":[%s"-c","%s"]}\n' "$$sep" \
	    "$(CURDIR)" "$$f" '$(CC_JSON_ARGS)' "$$f"; sep=','; esac; done; echo ']'; } > $@
	@echo "wrote $@"

FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz:
	@mkdir -p build-fuzz
	for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_CC) -std=c11 -D_GNU_SOURCE -g -O1 -Icommon -fsanitize=fuzzer,address,undefined \
	    -o build-fuzz/fuzz_$$t tests/fuzz/fuzz_$$t.c $(COMMON_SRC) -lz -lm || exit 1; \
	  mkdir -p tests/fuzz/corpus-work/$$t; \
	  build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=tests/fuzz/crashers/ \
	    tests/fuzz/corpus-work/$$t tests/fuzz/corpus/$$t || exit 1; done

# The README's quick start: the default pipeline over the bundled sample feed.
DEMO_STAGES := $(foreach f,dedupe entity-tag ticker-link summarize,$(if $(filter $(f),$(FILTER_NAMES)),$(BINDIR)/newspipe-$(f)))
demo: all
	@if [ -x $(BINDIR)/newspipe ] && [ -f pipelines/news.yaml ]; then \
	  $(BINDIR)/newspipe run pipelines/news.yaml -i data/sample-feed.ndjson; \
	else \
	  $(BINDIR)/newspipe-cat data/sample-feed.ndjson $(foreach s,$(DEMO_STAGES),| $(s)); fi

bench: all $(BENCHES)
eval: all $(EVALS)

clean:
	rm -rf build build-asan build-fuzz bin
distclean: clean
	rm -f compile_commands.json

-include $(shell find $(OUT) -name '*.d' 2>/dev/null)
