trigger CustomerCommunicationTrigger on Customer_Communication__c(
  before insert,
  before update,
  before delete
) {
  CustomerCommunicationHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
