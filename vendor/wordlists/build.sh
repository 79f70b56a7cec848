#!/bin/sh
# Rebuilds the word lists in this folder from their registry packages:
#   english.txt  common English words (lowercase entries of SCOWL, from
#                Debian's wbritish package), one a line
#   proper.txt   the capitalised entries of the same list (places, brands,
#                and some names), less any word in names.txt
#   names.txt    given names and surnames, lowercase, from the locales of
#                the npm package @faker-js/faker written in Latin script
# Needs apt-get, dpkg-deb, npm and node. Run from anywhere:
#   sh vendor/wordlists/build.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
FAKER_VERSION=10.6.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

apt-get download wbritish
dpkg-deb -x wbritish_*.deb wb
cp wb/usr/share/doc/wbritish/copyright "$here/COPYING.wbritish"
dpkg-deb -f wbritish_*.deb Version > "$here/VERSION.wbritish"
dict=wb/usr/share/dict/british-english

npm pack "@faker-js/faker@$FAKER_VERSION"
tar xzf faker-js-faker-$FAKER_VERSION.tgz
cp package/LICENSE "$here/LICENSE.faker"
echo "$FAKER_VERSION" > "$here/VERSION.faker"
cat > names.mjs <<'JS'
// Every given name and surname of the listed locales, split into words,
// lowercased; one a line.
const faker = await import(process.argv[2] + '/package/dist/index.js');
const locales = process.argv.slice(3);
const out = new Set();
const add = (v) => {
  if (Array.isArray(v)) v.forEach(add);
  else if (v && typeof v === 'object') Object.values(v).forEach(add);
  else if (typeof v === 'string')
    for (const w of v.normalize('NFC').split(/[\s\-]+/)) {
      const word = w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
      if (/^\p{Script=Latin}[\p{Script=Latin}\p{M}'’]*$/u.test(word) && [...word].length >= 2) out.add(word);
    }
};
for (const locale of locales) {
  const person = faker[locale]?.person;
  if (!person) throw new Error('no person data in locale ' + locale);
  add(person.first_name);
  add(person.last_name);
}
console.log([...out].sort().join('\n'));
JS
# British, Irish (through en), Australian, South Asian, African, Eastern
# and Western European, Turkish, Vietnamese, Indonesian, Chinese (en_HK's
# romanised surnames), Kurdish and Uzbek locales in Latin script.
node names.mjs "$work" en en_AU en_IN en_NP en_NG yo_NG en_GH en_ZA zu_ZA af_ZA \
  pl ro sk cs_CZ hr sr_RS_latin lv pt_PT es fr it de nl tr vi id_ID en_HK \
  ku_kmr_latin uz_UZ_latin > "$here/names.txt"

# Lowercase entries, no possessives: the common words.
grep -v "'" "$dict" | grep -v '^[[:upper:]]' | LC_ALL=C sort -u > "$here/english.txt"
# Capitalised entries that are not names: mostly places and brands.
grep -v "'" "$dict" | grep '^[[:upper:]]' | tr '[:upper:]' '[:lower:]' | LC_ALL=C sort -u \
  | LC_ALL=C comm -23 - "$here/names.txt" > "$here/proper.txt"
wc -l "$here"/english.txt "$here"/proper.txt "$here"/names.txt
