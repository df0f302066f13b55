trigger AuditExceptionTrigger on Audit_Exception__c(before insert, before update) {
  AuditExceptionHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
