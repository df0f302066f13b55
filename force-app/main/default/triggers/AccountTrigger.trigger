trigger AccountTrigger on Account(after update) {
  AccountHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
