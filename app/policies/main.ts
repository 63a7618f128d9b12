/*
 * Every policy, loaded lazily by Bouncer.
 */
export const policies = {
  UserPolicy: () => import('#policies/user_policy'),
  OrganisationPolicy: () => import('#policies/organisation_policy'),
  IdentityProviderPolicy: () => import('#policies/identity_provider_policy'),
  FrameworkPolicy: () => import('#policies/framework_policy'),
  CoursePolicy: () => import('#policies/course_policy'),
  WorkforcePolicy: () => import('#policies/workforce_policy'),
  CapabilityPolicy: () => import('#policies/capability_policy'),
  FastStreamPolicy: () => import('#policies/fast_stream_policy'),
  ExportPolicy: () => import('#policies/export_policy'),
}
