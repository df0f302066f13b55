trigger ControlCriterionTrigger on Control_Criterion__c(
  before insert,
  before update,
  after insert,
  after update,
  after delete,
  after undelete
) {
  ControlCriterionHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
