/**
 * Manifests kubectl users fetch by URL in tutorials (`kubectl apply -f https://k8s.io/examples/...`).
 * The lab has no network, so the well-known ones are bundled here with their upstream content.
 */

const NGINX_DEPLOYMENT_2 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2 # tells deployment to run 2 pods matching the template
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

const NGINX_DEPLOYMENT_3 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

const SIMPLE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
`;

const NGINX_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: my-nginx-svc
  labels:
    app: nginx
spec:
  type: LoadBalancer
  ports:
  - port: 80
  selector:
    app: nginx
`;

const BY_PATH: Record<string, string> = {
  'application/deployment.yaml': NGINX_DEPLOYMENT_2,
  'controllers/nginx-deployment.yaml': NGINX_DEPLOYMENT_3,
  'pods/simple-pod.yaml': SIMPLE_POD,
  'service/nginx-service.yaml': NGINX_SERVICE,
};

/** The bundled content for a tutorial URL, or undefined (kubectl then reports the 404 it would get). */
export function bundledSample(url: string): string | undefined {
  const m =
    /^https?:\/\/(?:k8s\.io\/examples\/|kubernetes\.io\/examples\/|raw\.githubusercontent\.com\/kubernetes\/website\/main\/content\/en\/examples\/)(.+)$/.exec(
      url,
    );
  return m ? BY_PATH[m[1]] : undefined;
}

export function bundledSampleUrls(): string[] {
  return Object.keys(BY_PATH).map((p) => `https://k8s.io/examples/${p}`);
}
