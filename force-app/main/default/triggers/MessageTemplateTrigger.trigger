trigger MessageTemplateTrigger on Message_Template__c(before insert, before update) {
  MessageTemplateHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
