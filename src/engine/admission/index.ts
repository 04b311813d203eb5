/**
 * The admission chain of a kubeadm API server, in its order: LimitRanger, ServiceAccount, Priority,
 * DefaultTolerationSeconds (mutating); LimitRanger, ResourceQuota (validating). Plus the resource quota
 * controller that keeps quota status current.
 */
import type { Component } from '../context';
import { limitRangerDefaults, limitRangerValidation } from './limitranger';
import { priorityAdmission } from './priority';
import { ResourceQuotaController } from './quota-controller';
import { resourceQuotaAdmission } from './resourcequota';
import { serviceAccountAdmission } from './serviceaccount';
import { defaultTolerationSecondsAdmission } from './tolerations';

export const admissionComponent: Component = {
  name: 'admission',
  start(ctx) {
    const rng = ctx.rng.fork('admission');
    ctx.api.addMutatingAdmission(limitRangerDefaults(ctx));
    ctx.api.addMutatingAdmission(serviceAccountAdmission(ctx, rng));
    ctx.api.addMutatingAdmission(priorityAdmission(ctx));
    ctx.api.addMutatingAdmission(defaultTolerationSecondsAdmission);
    ctx.api.addValidatingAdmission(limitRangerValidation(ctx));
    ctx.api.addValidatingAdmission(resourceQuotaAdmission(ctx));
    ctx.services.set('resourcequota-controller', new ResourceQuotaController(ctx));
  },
};
