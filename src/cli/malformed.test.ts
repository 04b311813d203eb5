/**
 * Bad input, table-driven: each malformed command or manifest must be answered with kubectl's own error
 * text and exit code, and must leave the cluster exactly as it was (same stateHash).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../engine/cluster';
import { createShell } from './index';
import type { LabShell } from './shell';

interface Case {
  line: string;
  stdin?: string;
  out: string;
  code?: number;
}

const DEPLOY_WITH = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
${spec}`;

const CASES: Case[] = [
  // the command line itself
  {
    line: 'kubectl gte pods',
    out: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n',
  },
  {
    line: 'kubectl lgos web',
    out: 'error: unknown command "lgos" for "kubectl"\n\nDid you mean this?\n\tlogs\n',
  },
  {
    line: 'kubectl get pods --replica=3',
    out: "error: unknown flag: --replica\nSee 'kubectl get --help' for usage.\n",
  },
  {
    line: 'kubectl get pods -x',
    out: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n",
  },
  {
    line: 'kubectl get pods -n',
    out: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
  },
  {
    line: 'kubectl scale deploy web --replicas=abc',
    out: 'error: invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl scale --help\' for usage.\n',
  },
  { line: "kubectl get 'pods", out: "bash: unexpected EOF while looking for matching `''\n", code: 2 },
  { line: 'kubctl get pods', out: 'kubctl: command not found\n', code: 127 },
  {
    line: 'kubectl --context=nope get pods',
    out: 'error: context was not found for specified context: nope\n',
  },
  // get
  {
    line: 'kubectl get',
    out: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
  },
  { line: 'kubectl get pod2', out: 'error: the server doesn\'t have a resource type "pod2"\n' },
  { line: 'kubectl get pods,svcs', out: 'error: the server doesn\'t have a resource type "svcs"\n' },
  { line: 'kubectl get pods nosuch', out: 'Error from server (NotFound): pods "nosuch" not found\n' },
  {
    line: 'kubectl get deploy/nosuch',
    out: 'Error from server (NotFound): deployments.apps "nosuch" not found\n',
  },
  {
    line: 'kubectl get pods web/x',
    out: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
  },
  {
    line: "kubectl get pods -l 'app in (a'",
    out: "error: unable to parse requirement: found '', expected: ',', ')'\n",
  },
  {
    line: 'kubectl get pods --field-selector spec.foo=x',
    out: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=x": field label not supported: spec.foo\n',
  },
  { line: 'kubectl get pods -n nosuch solo', out: 'Error from server (NotFound): pods "solo" not found\n' },
  { line: 'kubectl explain pod2', out: 'error: the server doesn\'t have a resource type "pod2"\n' },
  // describe
  { line: 'kubectl describe pods nosuch', out: 'Error from server (NotFound): pods "nosuch" not found\n' },
  {
    line: 'kubectl describe',
    out: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
  },
  // delete
  {
    line: 'kubectl delete',
    out: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
  },
  { line: 'kubectl delete pods', out: 'error: resource(s) were provided, but no name was specified\n' },
  { line: 'kubectl delete pod nosuch', out: 'Error from server (NotFound): pods "nosuch" not found\n' },
  {
    line: 'kubectl delete pods --all -l app=web',
    out: 'error: cannot set --all and --selector at the same time\n',
  },
  {
    line: 'kubectl delete pod solo --cascade=sideways',
    out: 'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan".\n',
  },
  {
    line: 'kubectl delete pod solo --now --grace-period=5',
    out: 'error: --now and --grace-period cannot be specified together\n',
  },
  {
    line: 'kubectl delete pod solo --force --grace-period=5',
    out: 'error: --force and --grace-period greater than 0 cannot be specified together\n',
  },
  {
    line: 'kubectl delete pod solo -o wide',
    out: "error: unexpected -o output mode: wide. We only support '-o name'\n",
  },
  {
    line: 'kubectl delete pods --all --field-selector status.phase=Running',
    out: 'error: cannot set --all and --field-selector at the same time\n',
  },
  {
    line: 'kubectl delete deploy web --dry-run=maybe',
    out: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
  },
  // scale / autoscale
  { line: 'kubectl scale deploy web', out: 'error: required flag(s) "replicas" not set\n' },
  {
    line: 'kubectl scale deploy web --replicas=-1',
    out: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
  },
  {
    line: 'kubectl scale deploy nosuch --replicas=2',
    out: 'Error from server (NotFound): deployments.apps "nosuch" not found\n',
  },
  {
    line: 'kubectl scale deploy --replicas=2',
    out: 'error: resource(s) were provided, but no name was specified\n',
  },
  {
    line: 'kubectl autoscale deploy web --max=0',
    out: 'error: --max=MAXPODS is required and must be at least 1, max: 0\n',
  },
  // apply / create from manifests
  { line: 'kubectl apply', out: 'error: must specify one of -f and -k\n' },
  { line: 'kubectl apply -f nosuch.yaml', out: 'error: the path "nosuch.yaml" does not exist\n' },
  {
    line: 'kubectl apply -f -',
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: name: x\n',
    out: 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n',
    out: 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: 'metadata:\n  name: x\ndata:\n  a: b\n',
    out: 'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: 'apiVersion: v1\nmetadata:\n  name: x\n',
    out: 'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: 'apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: web\n',
    out: 'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: 'apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: web\n',
    out: 'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Deployment" in version "apps/v2"\nensure CRDs are installed first\n',
  },
  { line: 'kubectl apply -f -', stdin: '', out: 'error: no objects passed to apply\n' },
  { line: 'kubectl apply -f -', stdin: '# nothing here\n---\n', out: 'error: no objects passed to apply\n' },
  {
    line: 'kubectl apply -f -',
    stdin: 'hello\n',
    out: 'error: unable to decode "STDIN": json: cannot unmarshal string into Go value of type map[string]interface {}\n',
  },
  {
    line: 'kubectl apply -f https://example.com/app.yaml',
    out: 'error: unable to read URL "https://example.com/app.yaml", server reported 404 Not Found, status code=404\n',
  },
  {
    line: 'kubectl apply -n other -f -',
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n',
    out: 'error: the namespace from the provided object "default" does not match the namespace "other". You must pass \'--namespace=default\' to perform this operation.\n',
  },
  {
    line: 'kubectl create -f -',
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n',
    out: 'Error from server (AlreadyExists): error when creating "STDIN": configmaps "cfg" already exists\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: DEPLOY_WITH(
      '  replica: 2\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n',
    ),
    out: 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: DEPLOY_WITH(
      '  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: other}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n',
    ),
    out: 'The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
  },
  {
    line: 'kubectl apply -f -',
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n',
    out: "The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
  },
  // create generators
  {
    line: 'kubectl create deployment web --image=nginx',
    out: 'error: failed to create deployment: deployments.apps "web" already exists\n',
  },
  { line: 'kubectl create deployment x', out: 'error: required flag(s) "image" not set\n' },
  {
    line: 'kubectl create deployment a b --image=nginx',
    out: "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n",
  },
  { line: 'kubectl create cronjob nightly', out: 'error: required flag(s) "image", "schedule" not set\n' },
  {
    line: 'kubectl create configmap c2 --from-literal=novalue',
    out: 'error: invalid literal source novalue, expected key=value\n',
  },
  {
    line: 'kubectl create service clusterip s1',
    out: 'error: at least one tcp port specifier must be provided\n',
  },
  {
    line: 'kubectl create namespace kube-system',
    out: 'Error from server (AlreadyExists): namespaces "kube-system" already exists\n',
  },
  {
    line: 'kubectl create foo',
    out: 'Error: must specify one of -f and -k\n\nerror: unknown command "foo"\nSee \'kubectl create -h\' for help and examples\n',
  },
  // run / expose
  {
    line: 'kubectl run',
    out: "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n",
  },
  { line: 'kubectl run x', out: 'error: required flag(s) "image" not set\n' },
  {
    line: 'kubectl run x --image=nginx --restart=Sometimes',
    out: 'error: invalid restart policy: Sometimes\n',
  },
  {
    line: 'kubectl run x --image=nginx --rm',
    out: 'error: --rm should only be used for attached containers\n',
  },
  {
    line: 'kubectl run solo --image=nginx',
    out: 'Error from server (AlreadyExists): pods "solo" already exists\n',
  },
  {
    line: 'kubectl expose deploy nosuch --port=80',
    out: 'Error from server (NotFound): deployments.apps "nosuch" not found\n',
  },
  // label / annotate / set / patch
  {
    line: 'kubectl label pod solo run=other',
    out: "error: 'run' already has a value (solo), and --overwrite is false\n",
  },
  {
    line: 'kubectl label pod solo',
    out: "error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n",
  },
  { line: 'kubectl annotate pod nosuch a=b', out: 'Error from server (NotFound): pods "nosuch" not found\n' },
  {
    line: 'kubectl set image deploy/web nope=nginx:2',
    out: 'error: unable to find container named "nope"\n',
  },
  {
    line: 'kubectl set image deploy/web',
    out: "error: at least one image update is required\nSee 'kubectl set image -h' for help and examples\n",
  },
  {
    line: "kubectl patch deploy web -p '{bad'",
    out: `error: unable to parse "{bad": yaml: line 1: did not find expected ',' or '}'\n`,
  },
  {
    line: 'kubectl patch deploy web',
    out: "error: must specify --patch or --patch-file containing the contents of the patch\nSee 'kubectl patch -h' for help and examples\n",
  },
  {
    line: "kubectl patch deploy web --type=xml -p '{}'",
    out: 'error: --type must be one of [json merge strategic], not "xml"\nSee \'kubectl patch -h\' for help and examples\n',
  },
  // logs / exec
  {
    line: 'kubectl logs',
    out: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
  },
  { line: 'kubectl logs nosuch', out: 'Error from server (NotFound): pods "nosuch" not found\n' },
  {
    line: 'kubectl logs solo -c nope',
    out: 'Error from server (BadRequest): container nope is not valid for pod solo\n',
  },
  {
    line: 'kubectl exec solo',
    out: "error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples\n",
  },
  {
    line: 'kubectl exec solo ls',
    out: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
  },
  { line: 'kubectl exec nosuch -- ls', out: 'Error from server (NotFound): pods "nosuch" not found\n' },
  // nodes, config, wait, edit
  { line: 'kubectl cordon nosuch', out: 'Error from server (NotFound): nodes "nosuch" not found\n' },
  {
    line: 'kubectl taint nodes node-1 key=value:Bogus',
    out: 'error: invalid taint effect: Bogus, unsupported taint effect\n',
  },
  { line: 'kubectl taint nodes node-1 missing-', out: 'error: taint "missing" not found\n' },
  { line: 'kubectl config use-context nope', out: 'error: no context exists with the name: "nope"\n' },
  { line: 'kubectl wait --for=bogus pod/solo', out: 'error: unrecognized condition: "bogus"\n' },
  {
    line: 'kubectl edit',
    out: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
  },
];

describe('malformed commands and manifests', () => {
  let cluster: Cluster;
  let shell: LabShell;

  beforeAll(() => {
    cluster = createCluster({ seed: 7 });
    shell = createShell(cluster);
    for (const line of [
      'kubectl create deployment web --image=nginx:1.27',
      'kubectl run solo --image=nginx:1.27',
      'kubectl create configmap cfg --from-literal=a=1',
    ]) {
      expect(shell.run(line).exitCode).toBe(0);
    }
    cluster.advance(60_000);
  });

  it('has at least 50 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  for (const c of CASES) {
    it(`${c.line}${c.stdin !== undefined ? ` <<< ${JSON.stringify(c.stdin.slice(0, 40))}` : ''}`, () => {
      const before = cluster.stateHash();
      const r = shell.run(c.line, { stdin: c.stdin });
      expect(r.output).toBe(c.out);
      expect(r.exitCode).toBe(c.code ?? 1);
      expect(cluster.stateHash()).toBe(before);
    });
  }
});
