/**
 * Schemas for custom resources served at run time: when a CustomResourceDefinition is established, its
 * versions' openAPIV3Schema give its kinds strict decoding, defaults, validation, `kubectl explain` and
 * editor schemas, the same way the generated Istio kinds get them.
 */
import { registerRoot } from './bundle';
import { type RawSchema, SchemaCompiler } from './compile';
import { registerDescriptions } from './descriptions';

export interface CustomResourceVersion {
  group: string;
  version: string;
  kind: string;
  openAPIV3Schema: RawSchema;
}

export function registerCustomResourceSchema(v: CustomResourceVersion): void {
  const compiler = new SchemaCompiler();
  const definition = compiler.addCustomResource(
    v.group,
    v.version,
    v.kind,
    v.openAPIV3Schema ?? { type: 'object' },
  );
  registerRoot(
    { group: v.group, version: v.version, kind: v.kind, definition, source: 'crd' },
    Object.fromEntries(compiler.definitions),
  );
  registerDescriptions(Object.fromEntries(compiler.descriptions));
}

/** Register every served version of a CustomResourceDefinition object. */
export function registerCrdObject(crd: { spec?: any }): void {
  const spec = crd.spec ?? {};
  for (const v of spec.versions ?? []) {
    if (v.served === false) continue;
    registerCustomResourceSchema({
      group: spec.group,
      version: v.name,
      kind: spec.names?.kind,
      openAPIV3Schema: v.schema?.openAPIV3Schema,
    });
  }
}
