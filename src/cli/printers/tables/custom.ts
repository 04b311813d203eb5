/**
 * Tables from a CRD's additionalPrinterColumns (what the API server uses for custom resources): each
 * column is a JSONPath; `date` columns print as ages. OpenShift and Istio kinds register theirs with
 * `registerTableHandler(resource, printerColumnsTable([...]))`.
 */
import { age } from '../format';
import { goSprint, JsonPath } from '../jsonpath/eval';
import { relaxedJsonPath } from '../output';
import { NAME, type TableHandler } from './types';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  priority?: number;
}

export function printerColumnsTable(columns: PrinterColumn[]): TableHandler {
  const paths = columns.map((c) => new JsonPath(relaxedJsonPath(c.jsonPath)).allowMissing(true));
  return {
    columns: [NAME, ...columns.map((c) => ({ name: c.name, priority: c.priority }))],
    row(obj, now) {
      const cells = columns.map((c, i) => {
        let values: unknown[];
        try {
          values = paths[i].findResults(obj).flat();
        } catch {
          values = [];
        }
        if (values.length === 0) return '';
        if (c.type === 'date') return age(values[0], now);
        return values
          .map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : goSprint(v)))
          .join(',');
      });
      return [obj.metadata.name, ...cells];
    },
  };
}
