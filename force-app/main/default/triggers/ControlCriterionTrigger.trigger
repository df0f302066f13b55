trigger ControlCriterionTrigger on Control_Criterion__c(before insert, before update) {
  ControlCriterionHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
