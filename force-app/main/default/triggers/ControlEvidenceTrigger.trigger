trigger ControlEvidenceTrigger on Control_Evidence__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  ControlEvidenceHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
