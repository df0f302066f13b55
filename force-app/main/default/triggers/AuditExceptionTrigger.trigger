trigger AuditExceptionTrigger on Audit_Exception__c(
  before insert,
  before update,
  after insert,
  after update,
  after delete,
  after undelete
) {
  AuditExceptionHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
