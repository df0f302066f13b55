trigger TrustControlTrigger on Trust_Control__c(after update, after delete, after undelete) {
  TrustControlHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
