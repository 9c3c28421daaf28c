/**
 * 附件 (attachments) of things outside an assessment cycle: the routes, and the registry of owner kinds
 * (each owning module — indicators/reporting, workplan — exports its kind with its own read/write rule).
 */
export { attachmentRoutes } from './attachments.routes';
export { registerAttachmentOwner, type AttachmentOwner, type AttachmentOwnerKind } from './attachments.owners';
