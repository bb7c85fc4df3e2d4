// forms/form.schema.json accepts every form definition in forms/,
// forms/fragment.schema.json every fragment in forms/fragments/, and
// forms/catalog.schema.json forms/catalog.json; each rejects the mistakes it is
// there for. Files are found by reading the folders, so new ones are covered.
// The Rust side (crates/core/tests/forms.rs, build-forms) resolves the same
// files with serde, expands the fragments and runs the linter.
//
// Run: node --test tests/schema/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const formsDir = fileURLToPath(new URL('../../forms/', import.meta.url));
const coreSrc = fileURLToPath(new URL('../../crates/core/src/', import.meta.url));
const readJson = (name) => JSON.parse(readFileSync(formsDir + name, 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
// Registered under its file name, so the other two schemas' `form.schema.json#/$defs/…` resolve.
ajv.addSchema(readJson('form.schema.json'), 'form.schema.json');
const validate = ajv.getSchema('form.schema.json');
const validateFragment = ajv.compile(readJson('fragment.schema.json'));
const validateCatalog = ajv.compile(readJson('catalog.schema.json'));

/** Validates `data` with `v` (default: the form schema); returns ajv's errors (empty when valid). */
function errorsOf(data, v = validate) {
  return v(data) ? [] : [...v.errors];
}

function explain(errors, name) {
  return ajv.errorsText(errors, { separator: '\n', dataVar: name }) + '\n' + JSON.stringify(errors, null, 2);
}

const formFiles = readdirSync(formsDir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && f !== 'catalog.json')
  .sort();

test('forms/ holds at least one form definition', () => {
  assert.ok(formFiles.length > 0, `no *.json form definitions in ${formsDir}`);
});

for (const file of formFiles) {
  test(`forms/${file} matches form.schema.json`, () => {
    const errors = errorsOf(readJson(file));
    assert.equal(errors.length, 0, `forms/${file} does not match forms/form.schema.json:\n${explain(errors, file)}`);
  });
}

const fragmentFiles = existsSync(formsDir + 'fragments')
  ? readdirSync(formsDir + 'fragments').filter((f) => f.endsWith('.json')).sort()
  : [];

for (const file of fragmentFiles) {
  test(`forms/fragments/${file} matches fragment.schema.json`, () => {
    const errors = errorsOf(readJson(`fragments/${file}`), validateFragment);
    assert.equal(
      errors.length,
      0,
      `forms/fragments/${file} does not match forms/fragment.schema.json:\n${explain(errors, file)}`,
    );
  });
}

test('forms/catalog.json matches catalog.schema.json', () => {
  const errors = errorsOf(readJson('catalog.json'), validateCatalog);
  assert.equal(errors.length, 0, `forms/catalog.json does not match forms/catalog.schema.json:\n${explain(errors, 'catalog')}`);
});

// Negative cases: each mutates a fresh deep copy of CT01.

// CT01 as build-forms resolved it (fragments expanded), so cases can break a field in place.
const ct01 = JSON.parse(readFileSync(fileURLToPath(new URL('../../target/forms/dang-ky-thuong-tru.json', import.meta.url)), 'utf8'));

/** A deep copy of CT01 and a finder for a top-level field by id, with its JSON pointer. */
function copyOfCt01() {
  const form = structuredClone(ct01);
  const field = (id) => {
    for (const [s, section] of form.sections.entries()) {
      const f = section.fields.findIndex((x) => x.id === id);
      if (f >= 0) return { field: section.fields[f], at: `/sections/${s}/fields/${f}` };
    }
    assert.fail(`CT01 has no field ${id}; update this test`);
  };
  return { form, field };
}

/** Asserts `data` is rejected by `v` (default: the form schema) with an error of `keyword` at `instancePath`. */
function assertRejected(form, instancePath, keyword, what, v = validate) {
  const errors = errorsOf(form, v);
  assert.ok(errors.length > 0, `${what}: accepted, should be rejected`);
  assert.ok(
    errors.some((e) => e.instancePath === instancePath && e.keyword === keyword),
    `${what}: expected a "${keyword}" error at ${instancePath}, got:\n${explain(errors, 'data')}`,
  );
}

test('an unknown field kind is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  f.kind = 'signature';
  assertRejected(form, `${at}/kind`, 'enum', 'kind "signature"');
});

test('an unknown key in a field is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  f.requried = true;
  assertRejected(form, at, 'additionalProperties', 'key "requried"');
});

test('a rule with an unknown name is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  f.rules = [{ rule: 'no_digits' }];
  assertRejected(form, `${at}/rules/0/rule`, 'enum', 'rule "no_digits"');
});

test('a radio field without options is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('gioi_tinh');
  assert.equal(f.kind, 'radio');
  delete f.options;
  assertRejected(form, at, 'required', 'radio without options');
});

test('a file field without accept is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('giay_to_cho_o');
  assert.equal(f.kind, 'file');
  delete f.accept;
  assertRejected(form, at, 'required', 'file without accept');
});

test('a text without en is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  delete f.label.en;
  assertRejected(form, `${at}/label`, 'required', 'label without en');
});

test('a condition with both equals and filled is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('chu_ho_ten');
  assert.equal(typeof f.show_if.equals, 'string');
  f.show_if.filled = true;
  assertRejected(form, `${at}/show_if`, 'oneOf', 'show_if with equals and filled');
});

// Fragments and use items (crates/core/src/resolve.rs). The fragment names need
// not exist: whether they do is checked when build-forms resolves the form.

const text = (vi, en) => ({ vi, en });
const personFragment = () => ({
  fields: [
    { id: 'ho_ten', kind: 'text', label: text('Họ, chữ đệm và tên', 'Full name'), required: true },
    { id: 'ngay_sinh', kind: 'date', label: text('Ngày, tháng, năm sinh', 'Date of birth') },
    {
      id: 'so_dinh_danh',
      kind: 'personal_id',
      label: text('Số định danh cá nhân', 'Personal ID number'),
      rules: [{ rule: 'id_matches', dob: 'ngay_sinh' }],
    },
  ],
});

test('a form with section-level and field-level use items is accepted', () => {
  const { form } = copyOfCt01();
  form.sections.push(
    {
      use: 'ct01-nguoi-khai',
      id: 'nguoi-khai-2',
      title: text('Người kê khai', 'Declarant'),
      show_if: { field: 'co_thanh_vien', equals: 'yes' },
      omit: ['email'],
      override: { dien_thoai: { required: true, hint: text('Số di động', 'Mobile number') } },
      append: [{ id: 'ghi_chu', kind: 'long_text', label: text('Ghi chú', 'Notes') }, { use: 'nguoi', prefix: 'ba_' }],
    },
    {
      id: 'cha-me',
      title: text('Cha, mẹ', 'Parents'),
      fields: [
        { use: 'nguoi', prefix: 'cha_' },
        { use: 'nguoi', prefix: 'me_', omit: ['ngay_sinh'], override: { ho_ten: { required: false, prefill: null } } },
      ],
    },
  );
  const errors = errorsOf(form);
  assert.equal(errors.length, 0, explain(errors, 'ct01'));
});

test('an unknown key in a section-level use item is rejected', () => {
  const { form } = copyOfCt01();
  form.sections.push({ use: 'ct01-nguoi-khai', overide: { email: { required: true } } });
  assertRejected(form, `/sections/${form.sections.length - 1}`, 'additionalProperties', 'section use with "overide"');
});

test('an unknown key in a field-level use item is rejected', () => {
  const { form } = copyOfCt01();
  form.sections[0].fields.push({ use: 'nguoi', prefix: 'me_', append: [] });
  assertRejected(form, `/sections/0/fields/${form.sections[0].fields.length - 1}`, 'additionalProperties', 'field use with "append"');
});

test('an override may set any key of a field but id', () => {
  const defs = readJson('form.schema.json').$defs;
  const fieldKeys = Object.keys(defs.field.properties).filter((k) => k !== 'id');
  assert.deepEqual(Object.keys(defs.field_patch.properties).sort(), fieldKeys.sort());
});

test('an override cannot change an id', () => {
  const { form } = copyOfCt01();
  form.sections[0].fields.push({ use: 'nguoi', override: { ho_ten: { id: 'ten' } } });
  const at = `/sections/0/fields/${form.sections[0].fields.length - 1}/override/ho_ten`;
  assertRejected(form, at, 'additionalProperties', 'override of id');
});

test('a fragment of fields and a fragment section are accepted', () => {
  const section = structuredClone(ct01.sections[0]);
  for (const fragment of [personFragment(), { $schema: '../fragment.schema.json', section }]) {
    const errors = errorsOf(fragment, validateFragment);
    assert.equal(errors.length, 0, explain(errors, 'fragment'));
  }
});

test('a fragment using a fragment is rejected', () => {
  const fields = personFragment();
  fields.fields.push({ use: 'dia-chi', prefix: 'thuong_tru_' });
  assertRejected(fields, '/fields/3', 'not', 'fields fragment with a use item', validateFragment);

  const section = { section: structuredClone(ct01.sections[0]) };
  section.section.fields.push({ use: 'nguoi', prefix: 'me_' });
  const at = `/section/fields/${section.section.fields.length - 1}`;
  assertRejected(section, at, 'not', 'section fragment with a use item', validateFragment);
});

test('a fragment has exactly one of fields and section', () => {
  const both = { ...personFragment(), section: structuredClone(ct01.sections[0]) };
  assertRejected(both, '', 'oneOf', 'fragment with fields and section', validateFragment);
  assertRejected({}, '', 'oneOf', 'empty fragment', validateFragment);
});

// The catalogue (crates/core/src/catalog.rs).

const catalog = readJson('catalog.json');

test('a catalogue entry with an unknown list value is rejected', () => {
  const entries = structuredClone(catalog);
  entries[0].list = '05';
  assertRejected(entries, '/0/list', 'enum', 'list "05"', validateCatalog);
});

test('a catalogue entry with an unknown key or a missing required key is rejected', () => {
  const entries = structuredClone(catalog);
  entries[0].fees = entries[0].fee;
  assertRejected(entries, '/0', 'additionalProperties', 'key "fees"', validateCatalog);
  delete entries[0].fees;
  delete entries[0].life_events;
  assertRejected(entries, '/0', 'required', 'no life_events', validateCatalog);
  entries[0].life_events = ['sinh-con'];
  assertRejected(entries, '/0/life_events/0', 'enum', 'life event "sinh-con"', validateCatalog);
});

// The schemas mirror the Rust source; these catch one changing without the other.

const rustSource = (file) => readFileSync(coreSrc + file, 'utf8');

/** Fields of `pub struct name` in `source`: name, whether `#[serde(default)]`, whether `Option<…>`. */
function structFields(source, name) {
  const body = source.match(new RegExp(`pub struct ${name} \\{([\\s\\S]*?)\\n\\}`));
  assert.ok(body, `no struct ${name}`);
  return [...body[1].matchAll(/((?:\s*(?:\/\/\/[^\n]*|#\[[^\n]*\]))*)\s*pub (\w+): ([^,\n]+),/g)].map((m) => ({
    name: m[2],
    defaulted: /#\[serde\([^)]*\bdefault\b/.test(m[1]),
    optional: m[3].startsWith('Option<'),
  }));
}

test('catalog.schema.json has the keys of CatalogEntry and Fee, required unless #[serde(default)], null allowed for Option', () => {
  const schema = readJson('catalog.schema.json').$defs;
  const source = rustSource('catalog.rs');
  for (const [struct, def] of [['CatalogEntry', schema.entry], ['Fee', schema.fee]]) {
    const fields = structFields(source, struct);
    assert.deepEqual(Object.keys(def.properties).sort(), fields.map((f) => f.name).sort(), `${struct} keys`);
    const required = fields.filter((f) => !f.defaulted).map((f) => f.name);
    assert.deepEqual([...def.required].sort(), required.sort(), `${struct} required keys`);
    for (const f of fields) {
      const nullable = (def.properties[f.name].oneOf ?? []).some((s) => s.type === 'null');
      assert.equal(nullable, f.optional, `${struct}.${f.name}: null allowed iff Option`);
    }
  }
});

test('catalog.schema.json life events are the ids of LIFE_EVENTS', () => {
  const block = rustSource('catalog.rs').match(/LIFE_EVENTS[^=]*=\s*&\[([\s\S]*?)\];/);
  assert.ok(block, 'no LIFE_EVENTS in catalog.rs');
  const ids = [...block[1].matchAll(/\(\s*"([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(readJson('catalog.schema.json').$defs.entry.properties.life_events.items.enum, ids);
});

test('form.schema.json use items have exactly the keys resolve.rs allows', () => {
  const lists = [...rustSource('resolve.rs').matchAll(/keys_allowed\(item, &\[([^\]]*)\]/g)].map((m) =>
    [...m[1].matchAll(/"(\w+)"/g)].map((k) => k[1]).sort(),
  );
  const defs = readJson('form.schema.json').$defs;
  const fieldUse = Object.keys(defs.field_use.properties).sort();
  const sectionUse = Object.keys(defs.section_use.properties).sort();
  assert.equal(lists.length, 2, 'expected two keys_allowed lists in resolve.rs');
  assert.deepEqual(lists.find((l) => l.includes('prefix')), fieldUse, 'field-level use keys');
  assert.deepEqual(lists.find((l) => l.includes('append')), sectionUse, 'section-level use keys');
});
