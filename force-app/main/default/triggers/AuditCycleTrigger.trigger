trigger AuditCycleTrigger on Audit_Cycle__c(
  before insert,
  before update,
  after insert,
  after update,
  after delete,
  after undelete
) {
  AuditCycleHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
