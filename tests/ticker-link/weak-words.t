#!/bin/sh
# The weak-word list make builds for the importer (mk/ticker-link.mk): a city or first name
# stops being weak when English Wikipedia titles an organisation, and no place, with it
# ("Renault" is in the first-name list, "Carrefour" a city of Haiti); a place Wikipedia
# knows stays weak ("Tokyo"), and so does a word written in lower case ("brand"), whatever
# Wikipedia says of its capitalized form.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_shared
W="${NP_OUT:-$NP_TOP/build}/ticker-link/weak-words.txt"
[ -f "$W" ] || skip_all "weak-word list not built (make check builds it)"
has() { grep -qx "$1" "$W" && echo yes || echo no; }
is "$(has Renault)" "no" "a first name that titles an organisation only is not weak"
is "$(has Carrefour)" "no" "nor a city that does"
is "$(has Tokyo)" "yes" "a city Wikipedia titles as a place stays weak"
is "$(has Toledo)" "yes" "so does one Wikipedia titles as neither"
is "$(has Abidjan)" "yes" "and one it titles as both an organisation and a place"
is "$(has brand)" "yes" "a word written in lower case stays weak"
is "$(has Monday)" "no" "days are listed in lower case"
is "$(has monday)" "yes" "as such"
done_testing
